import type { DateBoundError } from '../core/facts/bounds.js';
import type { Catalogue } from './catalogue.js';
import { commandMention, menuCommandName, formatNumber as num, optionMention } from './format.js';

const pluralRules = new Intl.PluralRules('es');

/** The form of a word that goes with `n`: 1 artículo, 2 artículos. */
function plural(n: number, one: string, other: string): string {
  return pluralRules.select(n) === 'one' ? one : other;
}

const articlesWord = (n: number) => plural(n, 'artículo', 'artículos');
const passagesWord = (n: number) => plural(n, 'fragmento', 'fragmentos');

/** Spanish: every sentence of src/messages.ts, and the command cards. */
export const es: Catalogue = {
  messages: {
    emptyQuestion: 'Haz una pregunta, por ejemplo: ¿cuánto ha invertido China en Bielorrusia?',
    noMatch: (query: string) => `La base de conocimiento no cubre «${query}». Estos son los artículos que contiene:`,
    weakMatch: (query: string) =>
      `La base de conocimiento no responde directamente a «${query}». Los fragmentos más cercanos:`,
    noArticles: 'No hay ningún artículo cargado. Añade un archivo Markdown o de texto a la carpeta de conocimiento.',
    unknownArticle: (text: string) =>
      `Ningún artículo coincide con «${text}». Usa ${commandMention('sources')} para ver los artículos.`,
    confidence: {
      high: 'coincidencia fuerte',
      medium: 'coincidencia parcial',
      low: 'coincidencia débil',
      chosen: 'fragmento elegido',
    },
    resultOf: (index: number, total: number) => `Resultado ${num(index)} de ${num(total)}`,
    moreResults: 'Más resultados',
    buttons: {
      previous: '◀ Anterior',
      next: 'Siguiente ▶',
      showContext: 'Ver contexto',
      postPublicly: 'Publicar en el canal',
      backToResult: '◀ Volver al resultado',
      previousPage: '◀ Página anterior',
      nextPage: 'Página siguiente ▶',
    },
    pageOf: (page: number, pages: number) => `Página ${num(page)} de ${num(pages)}`,
    sourcesTitle: 'Fuentes',
    sourcesIntro: (articles: number, passages: number) =>
      `${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)} en total.`,
    passagesCount: (n: number) => `${num(n)} ${passagesWord(n)}`,
    timelineTitle: 'Cronología',
    timelineEmpty: 'No hay eventos con fecha que coincidan. Prueba con un intervalo más amplio u otra palabra.',
    inferredMarker: '†',
    inferredDate: 'fecha deducida de la fecha de publicación del artículo',
    reportDayMarker: '‡',
    reportDay: 'sin fecha en el texto: anunciado el día del informe',
    alsoReported: 'también se menciona en',
    investmentTitle: 'Inversión: cifras y fragmentos',
    investmentEmpty: 'No se encontraron cifras sobre inversión, créditos, préstamos o privatización.',
    contextTitle: 'Contexto',
    dateBound: (error: DateBoundError): string => {
      switch (error.code) {
        case 'empty':
          return 'Indica una fecha: un año (2020), un mes (2020-05) o un día (2022-02-24).';
        case 'unreadable':
          return `No puedo leer «${error.text}» como fecha. Prueba con 2020, 2020-05 o 2022-02-24.`;
        case 'no-year':
          return `«${error.text}» no tiene año. Añade uno, p. ej. «${error.text} 2022».`;
        case 'range':
          return `«${error.text}» es un intervalo; pon su primer día en «desde» y el último en «hasta».`;
        case 'relative':
          return `«${error.text}» es relativo a hoy; indica una fecha de calendario, p. ej. 2024-08.`;
        case 'ambiguous':
          return `«${error.text}» puede ser día/mes o mes/día; escríbelo como 2022-02-24.`;
      }
    },
    rangeReversed: (from: string, to: string) => `«desde» (${from}) es posterior a «hasta» (${to}).`,
    helpTitle: 'Footnote: respuestas citadas de la biblioteca',
    helpIntro: 'Cada respuesta es un extracto literal con su cita: artículo, autor, sección y párrafo.',
    cooldown: (seconds: number) => `Estás preguntando muy rápido. Vuelve a intentarlo en ${num(seconds)} s.`,
    commandFailed: 'Algo salió mal por nuestra parte al responder. Lo hemos registrado; vuelve a intentarlo.',
    unknownCommand: (name: string) =>
      `No existe el comando «${name}». Escribe ${commandMention('help')} para ver la lista.`,
    staleButton: 'Este botón pertenece a una respuesta anterior. Vuelve a preguntar para obtener resultados nuevos.',
    get foreignButton() {
      return `Solo quien hizo la pregunta puede usar estos botones. Haz tu propia pregunta con ${commandMention('ask')}.`;
    },
    voteUp: '👍 Útil',
    voteDown: '👎 No útil',
    voteThanks: 'Gracias: tu 👍 se ha contado. Solo tú ves este mensaje.',
    voteDownThanks: 'Gracias por avisarnos. Nos ayuda a mejorar la biblioteca. Solo tú ves este mensaje.',
    voteNotKept: 'Gracias, pero aquí Footnote no guarda votos (funciona sin almacenamiento).',
    voteOff: 'Este servidor ha desactivado las valoraciones, así que ya no se guardan votos. Solo tú ves este mensaje.',
    voteModalTitle: '¿Qué fallaba en esta respuesta?',
    voteReasonLabel: 'Qué fallaba',
    voteReasonPlaceholder: 'Elige una opción',
    voteReasons: {
      'wrong-passage': 'El fragmento no responde a la pregunta',
      'not-in-library': 'La biblioteca no trata este tema',
      other: 'Otra cosa',
    },
    voteTextLabel: '¿Algo que añadir? (opcional)',
    voteTextPlaceholder: '¿Qué estabas buscando?',
    findSourcesEmpty: 'Ese mensaje no tiene texto que buscar.',
    findSourcesAbout: 'Fuentes para un mensaje',
    claimsTitle: 'Afirmación por afirmación',
    claimsIntro: (label: string, sourced: number, claims: number) =>
      `${label}: ${num(sourced)} de ${num(claims)} ${plural(claims, 'afirmación', 'afirmaciones')} ${plural(sourced, 'encontrada', 'encontradas')} en la biblioteca.`,
    claimNoSource: 'No se encontró ninguna fuente en la biblioteca.',
    messageBy: (username: string) => `mensaje de ${username}`,
    mentionHelp:
      'Pregúntame algo después de la mención, por ejemplo: @Footnote ¿cuánto ha invertido China en Bielorrusia?',
    consoleBanner: (articles: number, passages: number) =>
      [
        `Consola de Footnote: ${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)}.`,
        'Escribe una pregunta, o /help para ver los comandos. /quit o Ctrl-D para salir.',
        'Para ejecutarlo en Discord, define DISCORD_TOKEN y DISCORD_CLIENT_ID en .env (consulta el README).',
      ].join('\n'),
    consoleBye: 'Adiós.',
    ingest: {
      badLink: (input: string) =>
        `«${input}» no es un enlace que pueda leer. Indica una dirección completa, como https://example.org/article.`,
      badScheme: (scheme: string) => `Solo se pueden añadir enlaces http y https (este es ${scheme}).`,
      addressClass: {
        loopback: 'este equipo',
        private: 'una red privada',
        'link-local': 'una dirección link-local',
        'unique-local': 'una red privada (unique-local)',
        'cloud-metadata': 'un servicio de metadatos de la nube',
        special: 'una dirección reservada o de uso especial',
      },
      refusedAddress: (host: string, where: string) =>
        `Enlace rechazado: ${host} lleva a ${where}, no a la web pública.`,
      unresolvable: (host: string) => `Ningún servidor responde a ${host}. Revisa la dirección.`,
      unreachable: (host: string, reason: string) =>
        `No se pudo conectar con ${host} (${reason}). Inténtalo más tarde.`,
      tooManyRedirects: (limit: number) =>
        `El enlace redirige más de ${num(limit)} ${plural(limit, 'vez', 'veces')}; indica la dirección final del artículo.`,
      timeout: (seconds: number) =>
        `La página no llegó en ${num(seconds)} s. Inténtalo más tarde o añádela como archivo.`,
      tooLarge: (megabytes: number) => `Supera el límite de ${num(megabytes)} MB para un artículo.`,
      httpStatus: (status: number) => `El sitio respondió con un error (HTTP ${status}); no se añadió nada.`,
      unsupportedType: (type: string) =>
        `Ese enlace es ${type}, no una página web: solo se pueden añadir HTML, Markdown y texto plano.`,
      notAnArticle:
        'No se encontró ningún artículo legible en esa página (parece un menú o una lista de enlaces). No se añadió nada.',
      noFile: (file: string) => `No existe el archivo ${file}.`,
      unsupportedFile: (file: string) => `${file} no es .md, .txt ni .html; solo se pueden añadir esos formatos.`,
      unreadableFile: (file: string, reason: string) => `No se puede leer ${file}: ${reason}.`,
      invalidArticle: (reasons: readonly string[]) =>
        `El artículo no pasaría las comprobaciones de la biblioteca: ${reasons.join('; ')}.`,
      badServer: (server: string) => `«${server}» no es un ID de servidor (de 17 a 20 dígitos).`,
      added: (title: string, passages: number) => `Añadido «${title}»: ${num(passages)} ${passagesWord(passages)}.`,
      refreshed: (title: string, passages: number) =>
        `Actualizado «${title}»: ${num(passages)} ${passagesWord(passages)}.`,
    },
  },

  store: {
    needsServer: 'Este comando funciona en un servidor, no en mensajes directos.',
    needsManageServer: 'Necesitas el permiso «Gestionar servidor» para usar este comando aquí.',
    consoleNeedsServer: (usage: string) => `Indica el servidor: ${usage}`,
    storeUnavailable: 'El almacenamiento no está disponible ahora mismo. Inténtalo de nuevo en un momento.',
    storeMissing: 'Aquí Footnote funciona sin almacenamiento, así que no hay nada que mostrar ni cambiar.',
    settingsTitle: 'Ajustes de este servidor',
    settingsSaved: 'Guardado. Footnote lo aplica al momento.',
    settingsQueued: 'Guardado; el almacenamiento está ocupado, así que se aplicará en un momento.',
    get settingsNothing() {
      return `Nada que cambiar: indica al menos una opción, por ejemplo ${commandMention('settings set', 'reply-mode:thread')}.`;
    },
    channelSaved: (channel: string, on: boolean) =>
      `Las menciones en ${channel} ahora ${on ? 'se responden' : 'no se responden'}, sea cual sea la opción del servidor.`,
    settingSource: (own: boolean) => (own ? 'opción de este servidor' : 'predeterminado'),
    settingNames: {
      mentions: 'Responder a @menciones',
      replyMode: 'Modo de respuesta a menciones',
      cooldownSeconds: 'Espera por usuario (s)',
      channelCooldownSeconds: 'Espera por canal (s)',
      privateDefault: 'Respuestas privadas por defecto',
      feedback: 'Botones 👍/👎',
      get logging() {
        return `Registro de preguntas (para ${commandMention('gaps')})`;
      },
    },
    channelOverrides: (list: string) => `Canales con su propia opción de menciones: ${list}`,
    onOff: (on: boolean) => (on ? 'activado' : 'desactivado'),
    gapsTitle: (days: number) =>
      `Lo que la biblioteca no respondió bien, ${plural(days, 'último día', `últimos ${num(days)} días`)}`,
    gapsIntro: (questions: number, up: number, down: number) =>
      `${num(questions)} ${plural(questions, 'pregunta hecha', 'preguntas hechas')}; votos 👍 ${num(up)} · 👎 ${num(down)}.`,
    gapsEmpty:
      'Nada que informar: todas las preguntas de este periodo tuvieron respuesta y ningún fragmento recibió un 👎.',
    gapsAsked: (count: number) => `preguntada ${num(count)}×`,
    gapsNearest: (article: string, paragraph: number) => `lo más cercano: ${article} ¶${num(paragraph)}`,
    gapsNoNearest: 'ningún fragmento se acercó',
    gapsDownvoted: (down: number, up: number) => `👎 ${num(down)} · 👍 ${num(up)}`,
    gapsReasons: (reasons: readonly string[]) => (reasons.length === 0 ? 'sin motivo indicado' : reasons.join('; ')),
    privacyTitle: 'Qué guarda Footnote',
    privacy: (days: number) =>
      [
        `Para ${commandMention('gaps')}, Footnote registra cada pregunta con su canal, un hash con clave de tu ID de usuario (nunca el ID en sí), lo que encontró y cuánto tardó; los votos 👍/👎 se guardan del mismo modo.`,
        `Los registros y los votos se borran pasados ${num(days)} ${plural(days, 'día', 'días')}, y todos los datos de un servidor se borran cuando se quita Footnote de él.`,
        `Quienes gestionan un servidor pueden desactivar el registro y los botones con ${commandMention('settings set', 'logging:false', 'feedback:false')}.`,
      ].join('\n'),
  },

  library: {
    unavailable: 'La biblioteca no se puede cambiar desde aquí.',
    needsManageServerHere: 'Necesitas el permiso «Gestionar servidor» para cambiar la estantería de este servidor.',
    get needsInvitedServer() {
      return `${commandMention('library')} cambia la estantería de un servidor: úsalo en un servidor que haya invitado a Footnote (no en mensajes directos ni mediante una instalación de usuario).`;
    },
    notOwner: 'Solo las personas indicadas en LIBRARY_OWNER_IDS pueden cambiar la biblioteca compartida desde Discord.',
    consoleUsage:
      '/library add <url|path> [server:<id>] | /library remove article:<id> [server:<id>] | /library list [server:<id>]',
    get needsSource() {
      return `Indica un enlace (\`${optionMention('library add', 'link:')}\`) o adjunta un archivo (\`${optionMention('library add', 'file:')}\`): .md, .txt o .html, de 2 MB como máximo.`;
    },
    bothSources: 'Indica un enlace o un archivo, no ambos.',
    tooManyAdds: (limit: number) =>
      `Este servidor ha añadido ${num(limit)} ${articlesWord(limit)} en la última hora, el máximo permitido. Inténtalo más tarde.`,
    added: (refreshed: boolean, shelf: string) =>
      `Artículo ${refreshed ? 'actualizado' : 'añadido'}: ya está ${shelf} y Footnote responde con él desde ahora.`,
    /** Where an article stands, as it follows «ya está …» and «ya no está …». */
    shelfName: (shared: boolean) => (shared ? 'en la biblioteca compartida' : 'en la estantería de este servidor'),
    author: 'Autor',
    published: 'Publicado',
    passages: 'Fragmentos',
    firstPassage: 'Primer fragmento',
    unknown: 'no indicado',
    source: 'Fuente',
    noSuchArticle: (wanted: string) =>
      `No hay ningún artículo «${wanted}» en esta estantería. ${commandMention('library list')} muestra lo que contiene; el autocompletado ofrece sus artículos.`,
    removed: (title: string, shelf: string) => `Se quitó «${title}»: ya no está ${shelf}.`,
    removeFailed: (reason: string) => `No se pudo quitar el archivo del artículo: ${reason}`,
    listTitle: (shared: boolean) => (shared ? 'La biblioteca compartida' : 'La estantería de este servidor'),
    listIntro: (articles: number) =>
      `${num(articles)} ${articlesWord(articles)} en esta estantería, además de la biblioteca compartida. Los cambios recientes aparecen al final.`,
    get listEmpty() {
      return `Esta estantería aún está vacía: ${commandMention('library add', 'link:<url>')} añade un artículo.`;
    },
    action: (action: string, detail: string, when: string) => `${action} ${detail} · ${when}`,
    recentTitle: 'Cambios recientes',
  },

  commands: {
    ask: { name: 'preguntar', description: 'Haz una pregunta y obtén extractos literales con sus citas' },
    'ask question': { name: 'pregunta', description: 'Lo que quieres saber' },
    'ask article': { name: 'artículo', description: 'Buscar solo en este artículo' },
    'ask private': { name: 'privado', description: 'Solo tú ves la respuesta (puedes publicarla después)' },
    'ask (summary)': { description: 'Haz una pregunta; la respuesta es un extracto literal con su cita.' },
    timeline: {
      name: 'cronología',
      description: 'Eventos con fecha de los artículos, en orden, cada uno con su cita',
    },
    'timeline from': { name: 'desde', description: 'Fecha más temprana: un año (2020), un mes (2022-02) o un día' },
    'timeline to': { name: 'hasta', description: 'Fecha más tardía: un año, un mes o un día' },
    'timeline article': { name: 'artículo', description: 'Solo este artículo' },
    'timeline about': {
      name: 'sobre',
      description: 'Solo eventos sobre este nombre (una empresa, una persona, un país), con cualquiera de sus nombres',
    },
    'timeline (summary)': {
      description: 'Eventos con fecha en orden, cada uno con su cita; filtra por desde, hasta, artículo y sobre.',
    },
    investment: {
      name: 'inversión',
      description: 'Cifras de inversión, créditos, préstamos y privatización, y luego los mejores fragmentos',
    },
    'investment article': { name: 'artículo', description: 'Solo este artículo' },
    'investment (summary)': {
      description: 'Cifras de inversión, créditos, préstamos y privatización, cada una con lo que mide y su cita.',
    },
    sources: { name: 'fuentes', description: 'Lista los artículos con los que responde Footnote' },
    'sources (summary)': { description: 'Lista los artículos de la biblioteca, con su número de fragmentos.' },
    help: { name: 'ayuda', description: 'Cómo usar Footnote' },
    'help (summary)': { description: 'Muestra los comandos.' },
    'Find sources': { name: 'Buscar fuentes' },
    'Find sources (summary)': {
      get description() {
        return `Busca extractos citados para el texto de un mensaje (en Discord: clic derecho en un mensaje › Aplicaciones › ${menuCommandName('Find sources')}).`;
      },
    },
    settings: { name: 'ajustes', description: 'Muestra o cambia cómo se comporta Footnote en este servidor' },
    'settings show': { name: 'ver', description: 'Los ajustes de este servidor' },
    'settings set': { name: 'cambiar', description: 'Cambia los ajustes de este servidor' },
    'settings set mentions': { name: 'menciones', description: 'Responder preguntas a @Footnote en este servidor' },
    'settings set reply-mode': {
      name: 'modo-respuesta',
      description: 'Responder a una mención en línea (como respuesta) o en un hilo',
    },
    'settings set reply-mode =inline': { name: 'respuesta directa' },
    'settings set reply-mode =thread': { name: 'en un hilo' },
    'settings set cooldown': {
      name: 'espera',
      description: 'Segundos que espera un miembro entre preguntas (0: sin espera)',
    },
    'settings set channel-cooldown': {
      name: 'espera-canal',
      description: 'Segundos entre preguntas en un mismo canal (0: sin espera)',
    },
    'settings set private': { name: 'privado', description: 'Respuestas que solo ve quien pregunta, por defecto' },
    'settings set feedback': { name: 'valoraciones', description: 'Botones 👍/👎 en las respuestas' },
    'settings set logging': {
      name: 'registro',
      get description() {
        return `Registrar preguntas para ${commandMention('gaps')}`;
      },
    },
    'settings channel': {
      name: 'canal',
      description: 'Responder o no a las menciones en un canal, sea cual sea la opción del servidor',
    },
    'settings channel channel': { name: 'canal', description: 'El canal' },
    'settings channel mentions': { name: 'menciones', description: 'Responder a las menciones allí' },
    'settings (summary)': { description: 'Muestra o cambia los ajustes de un servidor (Gestionar servidor).' },
    gaps: { name: 'lagunas', description: 'Lo que preguntaron los miembros y la biblioteca no respondió bien' },
    'gaps days': { name: 'días', description: 'Los últimos 7 o 30 días (7 por defecto)' },
    'gaps days =7': { name: '7 días' },
    'gaps days =30': { name: '30 días' },
    'gaps (summary)': {
      description: 'Las preguntas sin buena respuesta de un servidor y los fragmentos con más 👎 (Gestionar servidor).',
    },
    library: {
      name: 'biblioteca',
      description: 'Añade artículos a la estantería del servidor por enlace o archivo, quítalos, lístalos',
    },
    'library add': {
      name: 'añadir',
      description: 'Añade un artículo desde un enlace o un archivo (.md, .txt, .html, máx. 2 MB)',
    },
    'library add link': { name: 'enlace', description: 'La dirección de una página web' },
    'library add file': { name: 'archivo', description: 'Un archivo .md, .txt o .html' },
    'library add shelf': {
      name: 'estantería',
      description: 'Estantería de este servidor (predeterminada) o biblioteca compartida (solo LIBRARY_OWNER_IDS)',
    },
    'library add shelf =server': { name: 'estantería de este servidor' },
    'library add shelf =shared': { name: 'biblioteca compartida' },
    'library remove': { name: 'quitar', description: 'Quita un artículo de la estantería' },
    'library remove article': { name: 'artículo', description: 'El artículo que quieres quitar' },
    'library remove shelf': {
      name: 'estantería',
      description: 'Estantería de este servidor (predeterminada) o biblioteca compartida (solo LIBRARY_OWNER_IDS)',
    },
    'library remove shelf =server': { name: 'estantería de este servidor' },
    'library remove shelf =shared': { name: 'biblioteca compartida' },
    'library list': { name: 'lista', description: 'Los artículos de la estantería y sus cambios recientes' },
    'library list shelf': {
      name: 'estantería',
      description: 'Estantería de este servidor (predeterminada) o biblioteca compartida (solo LIBRARY_OWNER_IDS)',
    },
    'library list shelf =server': { name: 'estantería de este servidor' },
    'library list shelf =shared': { name: 'biblioteca compartida' },
    'library (summary)': {
      description:
        'Añade un artículo por enlace o archivo, quita uno o lista la estantería de un servidor (Gestionar servidor).',
    },
    privacy: { name: 'privacidad', description: 'Qué guarda Footnote sobre tus preguntas y durante cuánto tiempo' },
    'privacy (summary)': { description: 'Qué guarda Footnote, durante cuánto tiempo y cómo desactivarlo.' },
  },
};
