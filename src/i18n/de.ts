import type { DateBoundError } from '../core/facts/bounds.js';
import type { Catalogue } from './catalogue.js';
import { commandMention, menuCommandName, formatNumber as num, optionMention } from './format.js';

const pluralRules = new Intl.PluralRules('de');

/** The form of a word that goes with `n`: 1 Textstelle, 2 Textstellen. */
function plural(n: number, one: string, other: string): string {
  return pluralRules.select(n) === 'one' ? one : other;
}

const passagesWord = (n: number) => plural(n, 'Textstelle', 'Textstellen');

/** German: every sentence of src/messages.ts, and the command cards. */
export const de: Catalogue = {
  messages: {
    emptyQuestion: 'Stell eine Frage, zum Beispiel: Wie viel hat China in Belarus investiert?',
    noMatch: (query: string) => `Die Wissensbasis deckt „${query}“ nicht ab. Diese Artikel enthält sie:`,
    weakMatch: (query: string) =>
      `Die Wissensbasis beantwortet „${query}“ nicht direkt. Die am besten passenden Textstellen:`,
    noArticles: 'Kein Artikel geladen. Lege eine Markdown- oder Textdatei in den Wissensordner.',
    unknownArticle: (text: string) =>
      `Kein Artikel passt zu „${text}“. Mit ${commandMention('sources')} siehst du die Artikel.`,
    confidence: {
      high: 'starker Treffer',
      medium: 'teilweiser Treffer',
      low: 'schwacher Treffer',
      chosen: 'gewählte Textstelle',
    },
    resultOf: (index: number, total: number) => `Ergebnis ${num(index)} von ${num(total)}`,
    moreResults: 'Weitere Ergebnisse',
    buttons: {
      previous: '◀ Zurück',
      next: 'Weiter ▶',
      showContext: 'Kontext zeigen',
      postPublicly: 'Öffentlich posten',
      backToResult: '◀ Zurück zum Ergebnis',
      previousPage: '◀ Vorherige Seite',
      nextPage: 'Nächste Seite ▶',
    },
    pageOf: (page: number, pages: number) => `Seite ${num(page)} von ${num(pages)}`,
    sourcesTitle: 'Quellen',
    sourcesIntro: (articles: number, passages: number) =>
      `Insgesamt ${num(articles)} Artikel, ${num(passages)} ${passagesWord(passages)}.`,
    passagesCount: (n: number) => `${num(n)} ${passagesWord(n)}`,
    timelineTitle: 'Zeitleiste',
    timelineEmpty: 'Keine passenden datierten Ereignisse. Versuch einen größeren Zeitraum oder ein anderes Wort.',
    inferredMarker: '†',
    inferredDate: 'Datum aus dem Erscheinungsdatum des Artikels erschlossen',
    reportDayMarker: '‡',
    reportDay: 'im Text ohne Datum: am Tag des Berichts bekannt gegeben',
    alsoReported: 'auch berichtet in',
    investmentTitle: 'Investitionen: Zahlen und Textstellen',
    investmentEmpty: 'Keine Zahlen zu Investitionen, Krediten, Darlehen oder Privatisierung gefunden.',
    contextTitle: 'Kontext',
    dateBound: (error: DateBoundError): string => {
      switch (error.code) {
        case 'empty':
          return 'Gib ein Datum an: ein Jahr (2020), einen Monat (2020-05) oder einen Tag (2022-02-24).';
        case 'unreadable':
          return `„${error.text}“ kann ich nicht als Datum lesen. Versuch 2020, 2020-05 oder 2022-02-24.`;
        case 'no-year':
          return `„${error.text}“ hat keine Jahreszahl. Ergänze eine, z. B. „${error.text} 2022“.`;
        case 'range':
          return `„${error.text}“ ist ein Zeitraum; gib seinen ersten Tag bei „von“ und seinen letzten bei „bis“ an.`;
        case 'relative':
          return `„${error.text}“ bezieht sich auf heute; gib stattdessen ein Kalenderdatum an, z. B. 2024-08.`;
        case 'ambiguous':
          return `Bei „${error.text}“ ist unklar, was Tag und was Monat ist; schreib es als 2022-02-24.`;
      }
    },
    rangeReversed: (from: string, to: string) => `„von“ (${from}) liegt nach „bis“ (${to}).`,
    helpTitle: 'Footnote: belegte Antworten aus der Bibliothek',
    helpIntro: 'Jede Antwort ist ein wörtlicher Auszug mit Quellenangabe: Artikel, Autor, Abschnitt und Absatz.',
    cooldown: (seconds: number) => `Du fragst sehr schnell. Versuch es in ${num(seconds)} s noch einmal.`,
    commandFailed:
      'Beim Antworten ist bei uns etwas schiefgelaufen. Der Fehler wurde protokolliert; bitte versuch es noch einmal.',
    unknownCommand: (name: string) =>
      `Den Befehl „${name}“ gibt es nicht. Mit ${commandMention('help')} siehst du die Liste.`,
    staleButton: 'Dieser Button gehört zu einer älteren Antwort. Frag noch einmal, um aktuelle Ergebnisse zu bekommen.',
    get foreignButton() {
      return `Nur wer gefragt hat, kann diese Buttons benutzen. Stell deine eigene Frage mit ${commandMention('ask')}.`;
    },
    voteUp: '👍 Hilfreich',
    voteDown: '👎 Nicht hilfreich',
    voteThanks: 'Danke: Dein 👍 wurde gezählt. Nur du siehst diese Nachricht.',
    voteDownThanks: 'Danke für den Hinweis. Das hilft, die Bibliothek zu verbessern. Nur du siehst diese Nachricht.',
    voteNotKept: 'Danke, aber Footnote speichert hier keine Bewertungen (es läuft ohne Speicher).',
    voteOff:
      'Dieser Server hat Feedback ausgeschaltet, daher werden keine Bewertungen mehr gespeichert. Nur du siehst diese Nachricht.',
    voteModalTitle: 'Was war an dieser Antwort falsch?',
    voteReasonLabel: 'Was war falsch',
    voteReasonPlaceholder: 'Wähle eine Option',
    voteReasons: {
      'wrong-passage': 'Die Textstelle beantwortet die Frage nicht',
      'not-in-library': 'Die Bibliothek deckt das nicht ab',
      other: 'Etwas anderes',
    },
    voteTextLabel: 'Noch etwas hinzuzufügen? (optional)',
    voteTextPlaceholder: 'Wonach hast du gesucht?',
    findSourcesEmpty: 'Diese Nachricht hat keinen Text zum Nachschlagen.',
    findSourcesAbout: 'Quellen zu einer Nachricht',
    claimsTitle: 'Aussage für Aussage',
    claimsIntro: (label: string, sourced: number, claims: number) =>
      `${label}: ${num(sourced)} von ${num(claims)} ${plural(claims, 'Aussage', 'Aussagen')} in der Bibliothek gefunden.`,
    claimNoSource: 'Keine Quelle in der Bibliothek gefunden.',
    messageBy: (username: string) => `Nachricht von ${username}`,
    mentionHelp:
      'Frag mich etwas nach der Erwähnung, zum Beispiel: @Footnote Wie viel hat China in Belarus investiert?',
    consoleBanner: (articles: number, passages: number) =>
      [
        `Footnote-Konsole: ${num(articles)} Artikel, ${num(passages)} ${passagesWord(passages)}.`,
        'Gib eine Frage ein oder /help für die Befehle. /quit oder Strg-D beendet.',
        'Um stattdessen in Discord zu laufen, setze DISCORD_TOKEN und DISCORD_CLIENT_ID in .env (siehe README).',
      ].join('\n'),
    consoleBye: 'Tschüss.',
    ingest: {
      badLink: (input: string) =>
        `„${input}“ ist kein Link, den ich lesen kann. Gib eine vollständige Adresse an, etwa https://example.org/article.`,
      badScheme: (scheme: string) => `Nur http- und https-Links können hinzugefügt werden (dieser ist ${scheme}).`,
      addressClass: {
        loopback: 'diesem Rechner',
        private: 'einem privaten Netzwerk',
        'link-local': 'einer Link-Local-Adresse',
        'unique-local': 'einem privaten Netzwerk (Unique Local)',
        'cloud-metadata': 'einem Cloud-Metadatendienst',
        special: 'einer reservierten oder speziellen Adresse',
      },
      refusedAddress: (host: string, where: string) =>
        `Der Link wurde abgelehnt: ${host} führt zu ${where}, nicht ins öffentliche Web.`,
      unresolvable: (host: string) => `Unter ${host} antwortet kein Server. Prüf die Adresse.`,
      unreachable: (host: string, reason: string) =>
        `${host} war nicht erreichbar (${reason}). Versuch es später noch einmal.`,
      tooManyRedirects: (limit: number) =>
        `Der Link leitet mehr als ${num(limit)}-mal weiter; gib die endgültige Adresse des Artikels an.`,
      timeout: (seconds: number) =>
        `Die Seite kam nicht innerhalb von ${num(seconds)} s an. Versuch es später noch einmal oder füge sie als Datei hinzu.`,
      tooLarge: (megabytes: number) => `Das liegt über der Grenze von ${num(megabytes)} MB für einen Artikel.`,
      httpStatus: (status: number) =>
        `Die Website hat mit einem Fehler geantwortet (HTTP ${status}); es wurde nichts hinzugefügt.`,
      unsupportedType: (type: string) =>
        `Hinter diesem Link steckt ${type}, keine Webseite: Nur HTML, Markdown und reiner Text können hinzugefügt werden.`,
      notAnArticle:
        'Auf dieser Seite wurde kein lesbarer Artikel gefunden (sie sieht nach Navigation oder einer Linkliste aus). Es wurde nichts hinzugefügt.',
      noFile: (file: string) => `Die Datei ${file} gibt es nicht.`,
      unsupportedFile: (file: string) =>
        `${file} ist keine .md-, .txt- oder .html-Datei; nur solche können hinzugefügt werden.`,
      unreadableFile: (file: string, reason: string) => `${file} kann nicht gelesen werden: ${reason}.`,
      invalidArticle: (reasons: readonly string[]) =>
        `Der Artikel würde die Prüfungen der Bibliothek nicht bestehen: ${reasons.join('; ')}.`,
      badServer: (server: string) => `„${server}“ ist keine Server-ID (17 bis 20 Ziffern).`,
      added: (title: string, passages: number) => `„${title}“ hinzugefügt: ${num(passages)} ${passagesWord(passages)}.`,
      refreshed: (title: string, passages: number) =>
        `„${title}“ aktualisiert: ${num(passages)} ${passagesWord(passages)}.`,
    },
  },

  store: {
    needsServer: 'Dieser Befehl funktioniert auf einem Server, nicht in einer Direktnachricht.',
    needsManageServer: 'Du brauchst die Berechtigung „Server verwalten“, um diesen Befehl hier zu nutzen.',
    consoleNeedsServer: (usage: string) => `Gib den Server an: ${usage}`,
    storeUnavailable: 'Der Speicher ist gerade nicht erreichbar. Versuch es gleich noch einmal.',
    storeMissing: 'Footnote läuft hier ohne Speicher, daher gibt es nichts anzuzeigen oder zu ändern.',
    settingsTitle: 'Einstellungen für diesen Server',
    settingsSaved: 'Gespeichert. Footnote übernimmt es sofort.',
    settingsQueued: 'Gespeichert; der Speicher ist gerade beschäftigt, daher gilt es in Kürze.',
    get settingsNothing() {
      return `Nichts zu ändern: Gib mindestens eine Option an, zum Beispiel ${commandMention('settings set', 'reply-mode:thread')}.`;
    },
    channelSaved: (channel: string, on: boolean) =>
      `Erwähnungen in ${channel} werden jetzt ${on ? 'beantwortet' : 'nicht beantwortet'}, unabhängig von der serverweiten Einstellung.`,
    settingSource: (own: boolean) => (own ? 'Wahl dieses Servers' : 'Standard'),
    settingNames: {
      mentions: 'Auf @Erwähnungen antworten',
      replyMode: 'Antwortmodus bei Erwähnungen',
      cooldownSeconds: 'Wartezeit pro Mitglied (s)',
      channelCooldownSeconds: 'Wartezeit pro Kanal (s)',
      privateDefault: 'Antworten standardmäßig privat',
      feedback: '👍/👎-Buttons',
      get logging() {
        return `Fragenprotokoll (für ${commandMention('gaps')})`;
      },
    },
    channelOverrides: (list: string) => `Kanäle mit eigener Einstellung für Erwähnungen: ${list}`,
    onOff: (on: boolean) => (on ? 'an' : 'aus'),
    gapsTitle: (days: number) =>
      `Was die Bibliothek nicht gut beantwortet hat, ${plural(days, 'letzter Tag', `letzte ${num(days)} Tage`)}`,
    gapsIntro: (questions: number, up: number, down: number) =>
      `${num(questions)} ${plural(questions, 'Frage', 'Fragen')} gestellt; Bewertungen 👍 ${num(up)} · 👎 ${num(down)}.`,
    gapsEmpty:
      'Nichts zu melden: Jede Frage in diesem Zeitraum wurde beantwortet, und keine Textstelle hat ein 👎 bekommen.',
    gapsAsked: (count: number) => `${num(count)}× gefragt`,
    gapsNearest: (article: string, paragraph: number) => `am nächsten: ${article} ¶${num(paragraph)}`,
    gapsNoNearest: 'keine Textstelle kam nah heran',
    gapsDownvoted: (down: number, up: number) => `👎 ${num(down)} · 👍 ${num(up)}`,
    gapsReasons: (reasons: readonly string[]) => (reasons.length === 0 ? 'kein Grund angegeben' : reasons.join('; ')),
    privacyTitle: 'Was Footnote speichert',
    privacy: (days: number) =>
      [
        `Für ${commandMention('gaps')} protokolliert Footnote jede Frage mit ihrem Kanal, einem Hash deiner Nutzer-ID mit geheimem Schlüssel (nie die ID selbst), dem Gefundenen und der Dauer; 👍/👎-Bewertungen werden genauso gespeichert.`,
        `Protokolle und Bewertungen werden nach ${num(days)} ${plural(days, 'Tag', 'Tagen')} gelöscht, und alle Daten eines Servers, sobald Footnote von ihm entfernt wird.`,
        `Wer einen Server verwaltet, kann Protokoll und Buttons mit ${commandMention('settings set', 'logging:false', 'feedback:false')} ausschalten.`,
      ].join('\n'),
  },

  library: {
    unavailable: 'Die Bibliothek kann von hier aus nicht geändert werden.',
    needsManageServerHere: 'Du brauchst die Berechtigung „Server verwalten“, um das Regal dieses Servers zu ändern.',
    get needsInvitedServer() {
      return `${commandMention('library')} ändert das Regal eines Servers: Nutze es auf einem Server, der Footnote eingeladen hat (nicht in einer Direktnachricht und nicht über eine Nutzerinstallation).`;
    },
    notOwner:
      'Nur die in LIBRARY_OWNER_IDS genannten Personen dürfen die gemeinsame Bibliothek aus Discord heraus ändern.',
    consoleUsage:
      '/library add <url|path> [server:<id>] | /library remove article:<id> [server:<id>] | /library list [server:<id>]',
    get needsSource() {
      return `Gib einen Link an (\`${optionMention('library add', 'link:')}\`) oder hänge eine Datei an (\`${optionMention('library add', 'file:')}\`): .md, .txt oder .html, höchstens 2 MB.`;
    },
    bothSources: 'Gib einen Link oder eine Datei an, nicht beides.',
    tooManyAdds: (limit: number) =>
      `Dieser Server hat in der letzten Stunde ${num(limit)} Artikel hinzugefügt, mehr geht nicht. Versuch es später noch einmal.`,
    added: (refreshed: boolean, shelf: string) =>
      `${refreshed ? 'Aktualisiert' : 'Hinzugefügt'}: Der Artikel steht jetzt ${shelf}, und Footnote nutzt ihn ab sofort für Antworten.`,
    /** Where an article stands, as it follows „steht jetzt …“ and „steht nicht mehr …“. */
    shelfName: (shared: boolean) => (shared ? 'in der gemeinsamen Bibliothek' : 'im Regal dieses Servers'),
    author: 'Autor',
    published: 'Veröffentlicht',
    passages: 'Textstellen',
    firstPassage: 'Erste Textstelle',
    unknown: 'nicht angegeben',
    source: 'Quelle',
    noSuchArticle: (wanted: string) =>
      `Kein Artikel „${wanted}“ in diesem Regal. ${commandMention('library list')} zeigt, was darin steht; die Autovervollständigung schlägt seine Artikel vor.`,
    removed: (title: string, shelf: string) => `„${title}“ entfernt: Der Artikel steht nicht mehr ${shelf}.`,
    removeFailed: (reason: string) => `Die Datei des Artikels konnte nicht entfernt werden: ${reason}`,
    listTitle: (shared: boolean) => (shared ? 'Die gemeinsame Bibliothek' : 'Das Regal dieses Servers'),
    listIntro: (articles: number) =>
      `${num(articles)} Artikel in diesem Regal, neben der gemeinsamen Bibliothek. Die letzten Änderungen stehen am Ende.`,
    get listEmpty() {
      return `Dieses Regal ist noch leer: ${commandMention('library add', 'link:<url>')} stellt einen Artikel hinein.`;
    },
    action: (action: string, detail: string, when: string) => `${action} ${detail} · ${when}`,
    recentTitle: 'Letzte Änderungen',
  },

  commands: {
    ask: { name: 'fragen', description: 'Stell eine Frage; erhalte wörtliche Auszüge mit Quellenangabe' },
    'ask question': { name: 'frage', description: 'Was du wissen willst' },
    'ask article': { name: 'artikel', description: 'Nur in diesem Artikel suchen' },
    'ask private': { name: 'privat', description: 'Nur du siehst die Antwort (du kannst sie später posten)' },
    'ask (summary)': { description: 'Stell eine Frage; die Antwort ist ein wörtlicher Auszug mit Quellenangabe.' },
    timeline: {
      name: 'zeitleiste',
      description: 'Datierte Ereignisse aus den Artikeln, der Reihe nach, jeweils mit Quellenangabe',
    },
    'timeline from': { name: 'von', description: 'Frühestes Datum: ein Jahr (2020), ein Monat (2022-02) oder ein Tag' },
    'timeline to': { name: 'bis', description: 'Spätestes Datum: ein Jahr, ein Monat oder ein Tag' },
    'timeline article': { name: 'artikel', description: 'Nur dieser Artikel' },
    'timeline about': {
      name: 'über',
      description: 'Nur Ereignisse zu diesem Namen (Firma, Person, Land), unter jedem seiner Namen',
    },
    'timeline (summary)': {
      description:
        'Datierte Ereignisse der Reihe nach, jeweils mit Quellenangabe; filterbar nach von, bis, artikel und über.',
    },
    investment: {
      name: 'investitionen',
      description: 'Zahlen zu Investitionen, Krediten, Darlehen und Privatisierung, dann die besten Textstellen',
    },
    'investment article': { name: 'artikel', description: 'Nur dieser Artikel' },
    'investment (summary)': {
      description:
        'Zahlen zu Investitionen, Krediten, Darlehen und Privatisierung, jeweils mit dem, was sie messen, und Quellenangabe.',
    },
    sources: { name: 'quellen', description: 'Die Artikel auflisten, aus denen Footnote antwortet' },
    'sources (summary)': { description: 'Listet die Artikel der Bibliothek mit der Zahl ihrer Textstellen auf.' },
    help: { name: 'hilfe', description: 'So benutzt du Footnote' },
    'help (summary)': { description: 'Zeigt die Befehle.' },
    'Find sources': { name: 'Quellen finden' },
    'Find sources (summary)': {
      get description() {
        return `Findet belegte Auszüge zum Text einer Nachricht (in Discord: Rechtsklick auf eine Nachricht › Apps › ${menuCommandName('Find sources')}).`;
      },
    },
    settings: { name: 'einstellungen', description: 'Zeigen oder ändern, wie sich Footnote auf diesem Server verhält' },
    'settings show': { name: 'anzeigen', description: 'Die Einstellungen dieses Servers' },
    'settings set': { name: 'ändern', description: 'Die Einstellungen dieses Servers ändern' },
    'settings set mentions': {
      name: 'erwähnungen',
      description: 'Fragen an @Footnote auf diesem Server beantworten',
    },
    'settings set reply-mode': {
      name: 'antwortmodus',
      description: 'Auf eine Erwähnung direkt (als Antwort) oder in einem Thread antworten',
    },
    'settings set reply-mode =inline': { name: 'direkt als Antwort' },
    'settings set reply-mode =thread': { name: 'im Thread' },
    'settings set cooldown': {
      name: 'wartezeit',
      description: 'Sekunden, die ein Mitglied zwischen Fragen wartet (0: keine)',
    },
    'settings set channel-cooldown': {
      name: 'kanal-wartezeit',
      description: 'Sekunden zwischen Fragen in einem Kanal (0: keine)',
    },
    'settings set private': {
      name: 'privat',
      description: 'Antworten standardmäßig nur für die fragende Person sichtbar',
    },
    'settings set feedback': { name: 'feedback', description: '👍/👎-Buttons unter Antworten' },
    'settings set logging': {
      name: 'protokoll',
      get description() {
        return `Fragen für ${commandMention('gaps')} protokollieren`;
      },
    },
    'settings channel': {
      name: 'kanal',
      description: 'Erwähnungen in einem Kanal beantworten oder nicht, unabhängig von der Servereinstellung',
    },
    'settings channel channel': { name: 'kanal', description: 'Der Kanal' },
    'settings channel mentions': { name: 'erwähnungen', description: 'Erwähnungen dort beantworten' },
    'settings (summary)': { description: 'Zeigt oder ändert die Einstellungen eines Servers (Server verwalten).' },
    gaps: { name: 'lücken', description: 'Was Mitglieder gefragt haben und die Bibliothek nicht gut beantwortet hat' },
    'gaps days': { name: 'tage', description: 'Die letzten 7 oder 30 Tage (Standard: 7)' },
    'gaps days =7': { name: '7 Tage' },
    'gaps days =30': { name: '30 Tage' },
    'gaps (summary)': {
      description: 'Unbeantwortete Fragen eines Servers und die Textstellen mit den meisten 👎 (Server verwalten).',
    },
    library: {
      name: 'bibliothek',
      description: 'Artikel per Link oder Datei ins Regal dieses Servers stellen, entfernen, auflisten',
    },
    'library add': {
      name: 'hinzufügen',
      description: 'Einen Artikel per Link oder Datei hinzufügen (.md, .txt, .html, höchstens 2 MB)',
    },
    'library add link': { name: 'link', description: 'Die Adresse einer Webseite' },
    'library add file': { name: 'datei', description: 'Eine .md-, .txt- oder .html-Datei' },
    'library add shelf': {
      name: 'regal',
      description: 'Regal dieses Servers (Standard) oder die gemeinsame Bibliothek (nur LIBRARY_OWNER_IDS)',
    },
    'library add shelf =server': { name: 'Regal dieses Servers' },
    'library add shelf =shared': { name: 'gemeinsame Bibliothek' },
    'library remove': { name: 'entfernen', description: 'Einen Artikel aus dem Regal entfernen' },
    'library remove article': { name: 'artikel', description: 'Der zu entfernende Artikel' },
    'library remove shelf': {
      name: 'regal',
      description: 'Regal dieses Servers (Standard) oder die gemeinsame Bibliothek (nur LIBRARY_OWNER_IDS)',
    },
    'library remove shelf =server': { name: 'Regal dieses Servers' },
    'library remove shelf =shared': { name: 'gemeinsame Bibliothek' },
    'library list': { name: 'liste', description: 'Die Artikel des Regals und seine letzten Änderungen' },
    'library list shelf': {
      name: 'regal',
      description: 'Regal dieses Servers (Standard) oder die gemeinsame Bibliothek (nur LIBRARY_OWNER_IDS)',
    },
    'library list shelf =server': { name: 'Regal dieses Servers' },
    'library list shelf =shared': { name: 'gemeinsame Bibliothek' },
    'library (summary)': {
      description:
        'Einen Artikel per Link oder Datei hinzufügen, einen entfernen oder das Regal eines Servers auflisten (Server verwalten).',
    },
    privacy: { name: 'datenschutz', description: 'Was Footnote über deine Fragen speichert und wie lange' },
    'privacy (summary)': { description: 'Was Footnote speichert, wie lange und wie man es ausschaltet.' },
  },
};
