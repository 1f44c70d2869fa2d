import type { DateBoundError } from '../core/facts/bounds.js';
import type { Catalogue } from './catalogue.js';
import { commandMention, menuCommandName, formatNumber as num, optionMention } from './format.js';

const pluralRules = new Intl.PluralRules('fr');

/** The form of a word that goes with `n`: 0 or 1 article, 2 articles. */
function plural(n: number, one: string, other: string): string {
  return pluralRules.select(n) === 'one' ? one : other;
}

const articlesWord = (n: number) => plural(n, 'article', 'articles');
const passagesWord = (n: number) => plural(n, 'passage', 'passages');

/** French: every sentence of src/messages.ts, and the command cards. */
export const fr: Catalogue = {
  messages: {
    emptyQuestion: 'Posez une question, par exemple : combien la Chine a-t-elle investi en Biélorussie ?',
    noMatch: (query: string) =>
      `La base de connaissances ne couvre pas « ${query} ». Voici les articles qu’elle contient :`,
    weakMatch: (query: string) =>
      `La base de connaissances ne répond pas directement à « ${query} ». Les passages les plus proches :`,
    noArticles: 'Aucun article n’est chargé. Ajoutez un fichier Markdown ou texte dans le dossier de connaissances.',
    unknownArticle: (text: string) =>
      `Aucun article ne correspond à « ${text} ». Utilisez ${commandMention('sources')} pour voir les articles.`,
    confidence: {
      high: 'correspondance forte',
      medium: 'correspondance partielle',
      low: 'correspondance faible',
      chosen: 'passage choisi',
    },
    resultOf: (index: number, total: number) => `Résultat ${num(index)} sur ${num(total)}`,
    moreResults: 'Plus de résultats',
    buttons: {
      previous: '◀ Précédent',
      next: 'Suivant ▶',
      showContext: 'Voir le contexte',
      postPublicly: 'Publier dans le salon',
      backToResult: '◀ Retour au résultat',
      previousPage: '◀ Page précédente',
      nextPage: 'Page suivante ▶',
    },
    pageOf: (page: number, pages: number) => `Page ${num(page)} sur ${num(pages)}`,
    sourcesTitle: 'Sources',
    sourcesIntro: (articles: number, passages: number) =>
      `${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)} au total.`,
    passagesCount: (n: number) => `${num(n)} ${passagesWord(n)}`,
    timelineTitle: 'Chronologie',
    timelineEmpty: 'Aucun événement daté ne correspond. Essayez une période plus large ou un autre mot.',
    inferredMarker: '†',
    inferredDate: 'date déduite de la date de publication de l’article',
    reportDayMarker: '‡',
    reportDay: 'non daté dans le texte : annoncé le jour du rapport',
    alsoReported: 'également rapporté dans',
    investmentTitle: 'Investissements : chiffres et passages',
    investmentEmpty:
      'Aucun chiffre sur les investissements, les crédits, les prêts ou la privatisation n’a été trouvé.',
    contextTitle: 'Contexte',
    dateBound: (error: DateBoundError): string => {
      switch (error.code) {
        case 'empty':
          return 'Indiquez une date : une année (2020), un mois (2020-05) ou un jour (2022-02-24).';
        case 'unreadable':
          return `« ${error.text} » n’est pas une date que je sais lire. Essayez 2020, 2020-05 ou 2022-02-24.`;
        case 'no-year':
          return `« ${error.text} » n’a pas d’année. Ajoutez-en une, par exemple « ${error.text} 2022 ».`;
        case 'range':
          return `« ${error.text} » est une période ; indiquez son premier jour dans « début » et son dernier dans « fin ».`;
        case 'relative':
          return `« ${error.text} » dépend de la date du jour ; indiquez plutôt une date du calendrier, par exemple 2024-08.`;
        case 'ambiguous':
          return `« ${error.text} » peut se lire jour/mois ou mois/jour ; écrivez-le 2022-02-24.`;
      }
    },
    rangeReversed: (from: string, to: string) => `« début » (${from}) tombe après « fin » (${to}).`,
    helpTitle: 'Footnote : des réponses sourcées tirées de la bibliothèque',
    helpIntro: 'Chaque réponse est un extrait mot pour mot avec sa référence : article, auteur, section et paragraphe.',
    cooldown: (seconds: number) => `Vous posez vos questions un peu vite. Réessayez dans ${num(seconds)} s.`,
    commandFailed:
      'Un problème est survenu de notre côté pendant la réponse. Il a été enregistré ; veuillez réessayer.',
    unknownCommand: (name: string) =>
      `La commande « ${name} » n’existe pas. Tapez ${commandMention('help')} pour voir la liste.`,
    staleButton:
      'Ce bouton appartient à une réponse plus ancienne. Reposez la question pour obtenir des résultats à jour.',
    get foreignButton() {
      return `Seule la personne qui a posé la question peut utiliser ces boutons. Posez votre propre question avec ${commandMention('ask')}.`;
    },
    voteUp: '👍 Utile',
    voteDown: '👎 Pas utile',
    voteThanks: 'Merci : votre 👍 est compté. Ce message n’est visible que par vous.',
    voteDownThanks:
      'Merci de nous l’avoir signalé, cela aide à améliorer la bibliothèque. Ce message n’est visible que par vous.',
    voteNotKept: 'Merci, mais Footnote ne conserve aucun vote ici (il fonctionne sans stockage).',
    voteOff:
      'Ce serveur a désactivé les avis : les votes ne sont donc plus conservés. Ce message n’est visible que par vous.',
    voteModalTitle: 'Quel était le problème de cette réponse ?',
    voteReasonLabel: 'Le problème',
    voteReasonPlaceholder: 'Choisissez une option',
    voteReasons: {
      'wrong-passage': 'Le passage ne répond pas à la question',
      'not-in-library': 'La bibliothèque ne couvre pas ce sujet',
      other: 'Autre chose',
    },
    voteTextLabel: 'Quelque chose à ajouter ? (facultatif)',
    voteTextPlaceholder: 'Que cherchiez-vous ?',
    findSourcesEmpty: 'Ce message ne contient aucun texte à rechercher.',
    findSourcesAbout: 'Sources pour un message',
    claimsTitle: 'Affirmation par affirmation',
    claimsIntro: (label: string, sourced: number, claims: number) =>
      `${label} : ${num(sourced)} sur ${num(claims)} ${plural(claims, 'affirmation', 'affirmations')} ${plural(sourced, 'trouvée', 'trouvées')} dans la bibliothèque.`,
    claimNoSource: 'Aucune source trouvée dans la bibliothèque.',
    messageBy: (username: string) => `message de ${username}`,
    mentionHelp:
      'Posez-moi une question après la mention, par exemple : @Footnote combien la Chine a-t-elle investi en Biélorussie ?',
    consoleBanner: (articles: number, passages: number) =>
      [
        `Console Footnote : ${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)}.`,
        'Tapez une question, ou /help pour les commandes. /quit ou Ctrl-D pour quitter.',
        'Pour fonctionner plutôt dans Discord, définissez DISCORD_TOKEN et DISCORD_CLIENT_ID dans .env (voir README).',
      ].join('\n'),
    consoleBye: 'Au revoir.',
    ingest: {
      badLink: (input: string) =>
        `« ${input} » n’est pas un lien que je peux lire. Donnez une adresse complète, comme https://example.org/article.`,
      badScheme: (scheme: string) => `Seuls les liens http et https peuvent être ajoutés (celui-ci est en ${scheme}).`,
      addressClass: {
        loopback: 'cette machine',
        private: 'un réseau privé',
        'link-local': 'une adresse link-local',
        'unique-local': 'un réseau privé (unique-local)',
        'cloud-metadata': 'un service de métadonnées cloud',
        special: 'une adresse réservée ou à usage spécial',
      },
      refusedAddress: (host: string, where: string) =>
        `Le lien a été refusé : ${host} mène à ${where}, pas au Web public.`,
      unresolvable: (host: string) => `Aucun serveur ne répond pour ${host}. Vérifiez l’adresse.`,
      unreachable: (host: string, reason: string) => `${host} est injoignable (${reason}). Réessayez plus tard.`,
      tooManyRedirects: (limit: number) =>
        `Le lien redirige plus de ${num(limit)} fois ; donnez l’adresse finale de l’article.`,
      timeout: (seconds: number) =>
        `La page n’est pas arrivée en ${num(seconds)} s. Réessayez plus tard, ou ajoutez-la comme fichier.`,
      tooLarge: (megabytes: number) => `Cela dépasse la limite de ${num(megabytes)} Mo pour un article.`,
      httpStatus: (status: number) => `Le site a répondu par une erreur (HTTP ${status}) ; rien n’a été ajouté.`,
      unsupportedType: (type: string) =>
        `Ce lien mène à un contenu ${type}, pas à une page web : seuls le HTML, le Markdown et le texte brut peuvent être ajoutés.`,
      notAnArticle:
        'Aucun article lisible n’a été trouvé sur cette page (elle ressemble à un menu ou à une liste de liens). Rien n’a été ajouté.',
      noFile: (file: string) => `Le fichier ${file} n’existe pas.`,
      unsupportedFile: (file: string) =>
        `${file} n’est pas un fichier .md, .txt ou .html ; seuls ceux-là peuvent être ajoutés.`,
      unreadableFile: (file: string, reason: string) => `Impossible de lire ${file} : ${reason}.`,
      invalidArticle: (reasons: readonly string[]) =>
        `L’article ne passerait pas les vérifications de la bibliothèque : ${reasons.join('; ')}.`,
      badServer: (server: string) => `« ${server} » n’est pas un identifiant de serveur (17 à 20 chiffres).`,
      added: (title: string, passages: number) => `« ${title} » ajouté : ${num(passages)} ${passagesWord(passages)}.`,
      refreshed: (title: string, passages: number) =>
        `« ${title} » mis à jour : ${num(passages)} ${passagesWord(passages)}.`,
    },
  },

  store: {
    needsServer: 'Cette commande fonctionne sur un serveur, pas en message privé.',
    needsManageServer: 'Il vous faut la permission « Gérer le serveur » pour utiliser cette commande ici.',
    consoleNeedsServer: (usage: string) => `Indiquez le serveur : ${usage}`,
    storeUnavailable: 'Le stockage est indisponible pour le moment. Réessayez dans un instant.',
    storeMissing: 'Footnote fonctionne ici sans stockage : il n’y a donc rien à afficher ni à modifier.',
    settingsTitle: 'Paramètres de ce serveur',
    settingsSaved: 'Enregistré. Footnote l’applique immédiatement.',
    settingsQueued: 'Enregistré ; le stockage est occupé, le changement s’appliquera dans un instant.',
    get settingsNothing() {
      return `Rien à modifier : indiquez au moins une option, par exemple ${commandMention('settings set', 'reply-mode:thread')}.`;
    },
    channelSaved: (channel: string, on: boolean) =>
      `Footnote ${on ? 'répond désormais' : 'ne répond plus'} aux mentions dans ${channel}, quel que soit le choix du serveur.`,
    settingSource: (own: boolean) => (own ? 'choix de ce serveur' : 'par défaut'),
    settingNames: {
      mentions: 'Répondre aux @mentions',
      replyMode: 'Mode de réponse aux mentions',
      cooldownSeconds: 'Délai par membre (s)',
      channelCooldownSeconds: 'Délai par salon (s)',
      privateDefault: 'Réponses privées par défaut',
      feedback: 'Boutons 👍/👎',
      get logging() {
        return `Journal des questions (pour ${commandMention('gaps')})`;
      },
    },
    channelOverrides: (list: string) => `Salons ayant leur propre choix pour les mentions : ${list}`,
    onOff: (on: boolean) => (on ? 'activé' : 'désactivé'),
    gapsTitle: (days: number) =>
      `Ce à quoi la bibliothèque a mal répondu, ${days === 1 ? 'dernier jour' : `${num(days)} derniers jours`}`,
    gapsIntro: (questions: number, up: number, down: number) =>
      `${num(questions)} ${plural(questions, 'question posée', 'questions posées')} ; votes 👍 ${num(up)} · 👎 ${num(down)}.`,
    gapsEmpty:
      'Rien à signaler : chaque question de cette période a reçu une réponse, et aucun passage n’a reçu de 👎.',
    gapsAsked: (count: number) => `posée ${num(count)}×`,
    gapsNearest: (article: string, paragraph: number) => `le plus proche : ${article} ¶${num(paragraph)}`,
    gapsNoNearest: 'aucun passage proche',
    gapsDownvoted: (down: number, up: number) => `👎 ${num(down)} · 👍 ${num(up)}`,
    gapsReasons: (reasons: readonly string[]) => (reasons.length === 0 ? 'aucune raison donnée' : reasons.join('; ')),
    privacyTitle: 'Ce que Footnote conserve',
    privacy: (days: number) =>
      [
        `Pour ${commandMention('gaps')}, Footnote enregistre chaque question avec son salon, une empreinte à clé secrète de votre identifiant (jamais l’identifiant lui-même), ce qu’il a trouvé et le temps mis ; les votes 👍/👎 sont conservés de la même façon.`,
        `Les journaux et les votes sont supprimés au bout de ${num(days)} ${plural(days, 'jour', 'jours')}, et toutes les données d’un serveur le sont quand Footnote en est retiré.`,
        `Les gestionnaires d’un serveur peuvent désactiver le journal et les boutons avec ${commandMention('settings set', 'logging:false', 'feedback:false')}.`,
      ].join('\n'),
  },

  library: {
    unavailable: 'La bibliothèque ne peut pas être modifiée d’ici.',
    needsManageServerHere: 'Il vous faut la permission « Gérer le serveur » pour modifier l’étagère de ce serveur.',
    get needsInvitedServer() {
      return `${commandMention('library')} modifie l’étagère d’un serveur : utilisez-la sur un serveur qui a invité Footnote (pas en message privé, ni via une installation utilisateur).`;
    },
    notOwner:
      'Seules les personnes indiquées dans LIBRARY_OWNER_IDS peuvent modifier la bibliothèque partagée depuis Discord.',
    consoleUsage:
      '/library add <url|path> [server:<id>] | /library remove article:<id> [server:<id>] | /library list [server:<id>]',
    get needsSource() {
      return `Donnez un lien (\`${optionMention('library add', 'link:')}\`) ou joignez un fichier (\`${optionMention('library add', 'file:')}\`) : .md, .txt ou .html, 2 Mo maximum.`;
    },
    bothSources: 'Donnez un lien ou un fichier, pas les deux.',
    tooManyAdds: (limit: number) =>
      `Ce serveur a ajouté ${num(limit)} ${articlesWord(limit)} au cours de la dernière heure, le maximum autorisé. Réessayez plus tard.`,
    added: (refreshed: boolean, shelf: string) =>
      `Article ${refreshed ? 'mis à jour' : 'ajouté'} : il est maintenant ${shelf}, et Footnote s’en sert déjà pour répondre.`,
    /** Where an article stands, as it follows « il est maintenant … » and « il n’est plus … ». */
    shelfName: (shared: boolean) => (shared ? 'dans la bibliothèque partagée' : 'sur l’étagère de ce serveur'),
    author: 'Auteur',
    published: 'Publié',
    passages: 'Passages',
    firstPassage: 'Premier passage',
    unknown: 'non indiqué',
    source: 'Source',
    noSuchArticle: (wanted: string) =>
      `Aucun article « ${wanted} » sur cette étagère. ${commandMention('library list')} montre ce qu’elle contient ; l’autocomplétion propose ses articles.`,
    removed: (title: string, shelf: string) => `« ${title} » a été retiré : il n’est plus ${shelf}.`,
    removeFailed: (reason: string) => `Le fichier de l’article n’a pas pu être supprimé : ${reason}`,
    listTitle: (shared: boolean) => (shared ? 'La bibliothèque partagée' : 'L’étagère de ce serveur'),
    listIntro: (articles: number) =>
      `${num(articles)} ${articlesWord(articles)} sur cette étagère, en plus de la bibliothèque partagée. Les changements récents figurent en dernier.`,
    get listEmpty() {
      return `Cette étagère est encore vide : ${commandMention('library add', 'link:<url>')} y ajoute un article.`;
    },
    action: (action: string, detail: string, when: string) => `${action} ${detail} · ${when}`,
    recentTitle: 'Changements récents',
  },

  commands: {
    ask: {
      name: 'demander',
      description: 'Posez une question ; obtenez des extraits mot pour mot avec leurs références',
    },
    'ask question': { name: 'question', description: 'Ce que vous voulez savoir' },
    'ask article': { name: 'article', description: 'Chercher seulement dans cet article' },
    'ask private': {
      name: 'privé',
      description: 'Réponse visible uniquement par vous (vous pourrez la publier ensuite)',
    },
    'ask (summary)': {
      description: 'Posez une question ; la réponse est un extrait mot pour mot avec sa référence.',
    },
    timeline: {
      name: 'chronologie',
      description: 'Événements datés tirés des articles, dans l’ordre, chacun avec sa référence',
    },
    'timeline from': {
      name: 'début',
      description: 'Date la plus ancienne : une année (2020), un mois (2022-02) ou un jour',
    },
    'timeline to': { name: 'fin', description: 'Date la plus récente : une année, un mois ou un jour' },
    'timeline article': { name: 'article', description: 'Seulement cet article' },
    'timeline about': {
      name: 'sujet',
      description: 'Seulement les événements liés à ce nom (entreprise, personne, pays), sous tous ses noms',
    },
    'timeline (summary)': {
      description: 'Événements datés dans l’ordre, chacun avec sa référence ; filtres : début, fin, article et sujet.',
    },
    investment: {
      name: 'investissements',
      description: 'Chiffres sur les investissements, crédits, prêts et privatisations, puis les meilleurs passages',
    },
    'investment article': { name: 'article', description: 'Seulement cet article' },
    'investment (summary)': {
      description:
        'Chiffres sur les investissements, crédits, prêts et privatisations, chacun avec ce qu’il mesure et sa référence.',
    },
    sources: { name: 'sources', description: 'Lister les articles dont Footnote se sert pour répondre' },
    'sources (summary)': {
      description: 'Liste les articles de la bibliothèque, avec leur nombre de passages.',
    },
    help: { name: 'aide', description: 'Comment utiliser Footnote' },
    'help (summary)': { description: 'Affiche les commandes.' },
    'Find sources': { name: 'Trouver des sources' },
    'Find sources (summary)': {
      get description() {
        return `Trouve des extraits sourcés pour le texte d’un message (dans Discord : clic droit sur un message › Applications › ${menuCommandName('Find sources')}).`;
      },
    },
    settings: {
      name: 'paramètres',
      description: 'Afficher ou modifier le comportement de Footnote sur ce serveur',
    },
    'settings show': { name: 'afficher', description: 'Les paramètres de ce serveur' },
    'settings set': { name: 'modifier', description: 'Modifier les paramètres de ce serveur' },
    'settings set mentions': {
      name: 'mentions',
      description: 'Répondre aux questions adressées à @Footnote sur ce serveur',
    },
    'settings set reply-mode': {
      name: 'mode-réponse',
      description: 'Répondre à une mention directement (en réponse) ou dans un fil',
    },
    'settings set reply-mode =inline': { name: 'réponse directe' },
    'settings set reply-mode =thread': { name: 'dans un fil' },
    'settings set cooldown': {
      name: 'délai',
      description: 'Secondes d’attente d’un membre entre deux questions (0 : aucune)',
    },
    'settings set channel-cooldown': {
      name: 'délai-salon',
      description: 'Secondes entre deux questions dans un même salon (0 : aucune)',
    },
    'settings set private': {
      name: 'privé',
      description: 'Par défaut, réponses visibles seulement par l’auteur de la question',
    },
    'settings set feedback': { name: 'avis', description: 'Boutons 👍/👎 sous les réponses' },
    'settings set logging': {
      name: 'journal',
      get description() {
        return `Enregistrer les questions pour ${commandMention('gaps')}`;
      },
    },
    'settings channel': {
      name: 'salon',
      description: 'Répondre ou non aux mentions dans un salon, quel que soit le choix du serveur',
    },
    'settings channel channel': { name: 'salon', description: 'Le salon' },
    'settings channel mentions': { name: 'mentions', description: 'Répondre aux mentions dans ce salon' },
    'settings (summary)': {
      description: 'Affiche ou modifie les paramètres d’un serveur (Gérer le serveur).',
    },
    gaps: {
      name: 'lacunes',
      description: 'Les questions des membres auxquelles la bibliothèque a mal répondu',
    },
    'gaps days': { name: 'jours', description: 'Les 7 ou 30 derniers jours (7 par défaut)' },
    'gaps days =7': { name: '7 jours' },
    'gaps days =30': { name: '30 jours' },
    'gaps (summary)': {
      description: 'Les questions mal résolues d’un serveur et les passages les plus 👎 (Gérer le serveur).',
    },
    library: {
      name: 'bibliothèque',
      description: 'Ajouter des articles sur l’étagère du serveur par lien ou fichier, les retirer, les lister',
    },
    'library add': {
      name: 'ajouter',
      description: 'Ajouter un article depuis un lien ou un fichier (.md, .txt, .html, 2 Mo max.)',
    },
    'library add link': { name: 'lien', description: 'L’adresse d’une page web' },
    'library add file': { name: 'fichier', description: 'Un fichier .md, .txt ou .html' },
    'library add shelf': {
      name: 'étagère',
      description: 'Étagère de ce serveur (par défaut) ou bibliothèque partagée (LIBRARY_OWNER_IDS seulement)',
    },
    'library add shelf =server': { name: 'étagère de ce serveur' },
    'library add shelf =shared': { name: 'bibliothèque partagée' },
    'library remove': { name: 'retirer', description: 'Retirer un article de l’étagère' },
    'library remove article': { name: 'article', description: 'L’article à retirer' },
    'library remove shelf': {
      name: 'étagère',
      description: 'Étagère de ce serveur (par défaut) ou bibliothèque partagée (LIBRARY_OWNER_IDS seulement)',
    },
    'library remove shelf =server': { name: 'étagère de ce serveur' },
    'library remove shelf =shared': { name: 'bibliothèque partagée' },
    'library list': { name: 'liste', description: 'Les articles de l’étagère et ses changements récents' },
    'library list shelf': {
      name: 'étagère',
      description: 'Étagère de ce serveur (par défaut) ou bibliothèque partagée (LIBRARY_OWNER_IDS seulement)',
    },
    'library list shelf =server': { name: 'étagère de ce serveur' },
    'library list shelf =shared': { name: 'bibliothèque partagée' },
    'library (summary)': {
      description:
        'Ajouter un article par lien ou fichier, en retirer un, ou lister l’étagère d’un serveur (Gérer le serveur).',
    },
    privacy: {
      name: 'confidentialité',
      description: 'Ce que Footnote conserve de vos questions, et pendant combien de temps',
    },
    'privacy (summary)': { description: 'Ce que Footnote conserve, combien de temps, et comment le désactiver.' },
  },
};
