import type { DateBoundError } from '../core/facts/bounds.js';
import type { Catalogue } from './catalogue.js';
import { commandMention, menuCommandName, formatNumber as num, optionMention } from './format.js';

const pluralRules = new Intl.PluralRules('ru');

/** The form of a word that goes with `n`: 1 статья, 2 статьи, 5 статей (a fraction takes the `few` form). */
function plural(n: number, one: string, few: string, many: string): string {
  switch (pluralRules.select(n)) {
    case 'one':
      return one;
    case 'many':
      return many;
    default:
      return few;
  }
}

const articlesWord = (n: number) => plural(n, 'статья', 'статьи', 'статей');
const passagesWord = (n: number) => plural(n, 'фрагмент', 'фрагмента', 'фрагментов');
const daysWord = (n: number) => plural(n, 'день', 'дня', 'дней');

/** Russian: every sentence of src/messages.ts, and the command cards. */
export const ru: Catalogue = {
  messages: {
    emptyQuestion: 'Задайте вопрос, например: сколько Китай инвестировал в Беларусь?',
    noMatch: (query: string) => `В базе знаний нет ничего о «${query}». Вот статьи, которые в ней есть:`,
    weakMatch: (query: string) => `Прямого ответа на «${query}» в базе знаний нет. Ближайшие фрагменты:`,
    noArticles: 'Не загружено ни одной статьи. Добавьте файл Markdown или текстовый файл в папку базы знаний.',
    unknownArticle: (text: string) =>
      `Нет статьи, подходящей под «${text}». Список статей — в ${commandMention('sources')}.`,
    confidence: {
      high: 'сильное совпадение',
      medium: 'частичное совпадение',
      low: 'слабое совпадение',
      chosen: 'выбранный фрагмент',
    },
    resultOf: (index: number, total: number) => `Результат ${num(index)} из ${num(total)}`,
    moreResults: 'Ещё результаты',
    buttons: {
      previous: '◀ Назад',
      next: 'Далее ▶',
      showContext: 'Показать контекст',
      postPublicly: 'Опубликовать в канале',
      backToResult: '◀ К результату',
      previousPage: '◀ Предыдущая страница',
      nextPage: 'Следующая страница ▶',
    },
    pageOf: (page: number, pages: number) => `Страница ${num(page)} из ${num(pages)}`,
    sourcesTitle: 'Источники',
    sourcesIntro: (articles: number, passages: number) =>
      `Всего ${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)}.`,
    passagesCount: (n: number) => `${num(n)} ${passagesWord(n)}`,
    timelineTitle: 'Хронология',
    timelineEmpty: 'Подходящих событий с датами нет. Попробуйте расширить диапазон или другое слово.',
    inferredMarker: '†',
    inferredDate: 'дата выведена из даты публикации статьи',
    reportDayMarker: '‡',
    reportDay: 'в тексте без даты: объявлено в день публикации отчёта',
    alsoReported: 'также упоминается в',
    investmentTitle: 'Инвестиции: цифры и фрагменты',
    investmentEmpty: 'Цифр об инвестициях, кредитах, займах или приватизации не найдено.',
    contextTitle: 'Контекст',
    dateBound: (error: DateBoundError): string => {
      switch (error.code) {
        case 'empty':
          return 'Укажите дату: год (2020), месяц (2020-05) или день (2022-02-24).';
        case 'unreadable':
          return `«${error.text}» не удаётся прочитать как дату. Попробуйте 2020, 2020-05 или 2022-02-24.`;
        case 'no-year':
          return `В «${error.text}» нет года. Добавьте его, например: «${error.text} 2022».`;
        case 'range':
          return `«${error.text}» — это диапазон; укажите его первый день в «от», а последний — в «до».`;
        case 'relative':
          return `«${error.text}» отсчитывается от сегодняшнего дня; укажите календарную дату, например 2024-08.`;
        case 'ambiguous':
          return `В «${error.text}» непонятно, где день, а где месяц; напишите дату так: 2022-02-24.`;
      }
    },
    rangeReversed: (from: string, to: string) => `Дата «от» (${from}) позже даты «до» (${to}).`,
    helpTitle: 'Footnote: ответы из библиотеки со ссылкой на источник',
    helpIntro: 'Каждый ответ — дословная цитата с указанием источника: статья, автор, раздел и абзац.',
    cooldown: (seconds: number) => `Вы спрашиваете слишком часто. Повторите через ${num(seconds)} с.`,
    commandFailed: 'При ответе у нас что-то пошло не так. Ошибка записана; попробуйте ещё раз.',
    unknownCommand: (name: string) => `Команды «${name}» нет. Список команд — в ${commandMention('help')}.`,
    staleButton: 'Эта кнопка относится к старому ответу. Спросите снова, чтобы получить свежие результаты.',
    get foreignButton() {
      return `Этими кнопками может пользоваться только автор вопроса. Задайте свой вопрос через ${commandMention('ask')}.`;
    },
    voteUp: '👍 Полезно',
    voteDown: '👎 Не помогло',
    voteThanks: 'Спасибо: ваш 👍 учтён. Это сообщение видите только вы.',
    voteDownThanks: 'Спасибо, что сообщили: это помогает улучшать библиотеку. Это сообщение видите только вы.',
    voteNotKept: 'Спасибо, но здесь Footnote не сохраняет оценки (он работает без хранилища).',
    voteOff: 'На этом сервере отзывы отключены, поэтому оценки больше не сохраняются. Это сообщение видите только вы.',
    voteModalTitle: 'Что не так с этим ответом?',
    voteReasonLabel: 'Что не так',
    voteReasonPlaceholder: 'Выберите вариант',
    voteReasons: {
      'wrong-passage': 'Фрагмент не отвечает на вопрос',
      'not-in-library': 'В библиотеке нет сведений об этом',
      other: 'Другое',
    },
    voteTextLabel: 'Хотите что-то добавить? (необязательно)',
    voteTextPlaceholder: 'Что вы искали?',
    findSourcesEmpty: 'В этом сообщении нет текста для поиска.',
    findSourcesAbout: 'Источники для сообщения',
    claimsTitle: 'Проверка по утверждениям',
    claimsIntro: (label: string, sourced: number, claims: number) =>
      `${label}: в библиотеке найдено ${num(sourced)} из ${num(claims)} ${plural(claims, 'утверждения', 'утверждений', 'утверждений')}.`,
    claimNoSource: 'В библиотеке источник не найден.',
    messageBy: (username: string) => `сообщение пользователя ${username}`,
    mentionHelp: 'Напишите вопрос после упоминания, например: @Footnote сколько Китай инвестировал в Беларусь?',
    consoleBanner: (articles: number, passages: number) =>
      [
        `Консоль Footnote: ${num(articles)} ${articlesWord(articles)}, ${num(passages)} ${passagesWord(passages)}.`,
        'Введите вопрос или /help, чтобы увидеть команды. Выход — /quit или Ctrl-D.',
        'Чтобы запустить бота в Discord, укажите DISCORD_TOKEN и DISCORD_CLIENT_ID в .env (см. README).',
      ].join('\n'),
    consoleBye: 'До встречи.',
    ingest: {
      badLink: (input: string) =>
        `«${input}» не похоже на ссылку, которую я могу открыть. Укажите полный адрес, например https://example.org/article.`,
      badScheme: (scheme: string) => `Добавлять можно только ссылки http и https (у этой — ${scheme}).`,
      addressClass: {
        loopback: 'этот компьютер',
        private: 'частную сеть',
        'link-local': 'локальный адрес канала (link-local)',
        'unique-local': 'частную сеть (unique-local)',
        'cloud-metadata': 'сервис метаданных облака',
        special: 'зарезервированный или служебный адрес',
      },
      refusedAddress: (host: string, where: string) =>
        `Ссылка отклонена: ${host} указывает на ${where}, а не на публичный интернет.`,
      unresolvable: (host: string) => `Сервер ${host} не найден. Проверьте адрес.`,
      unreachable: (host: string, reason: string) => `Не удалось подключиться к ${host} (${reason}). Попробуйте позже.`,
      tooManyRedirects: (limit: number) =>
        `Ссылка перенаправляет больше ${num(limit)} ${plural(limit, 'раза', 'раз', 'раз')}; укажите конечный адрес статьи.`,
      timeout: (seconds: number) =>
        `Страница не загрузилась за ${num(seconds)} с. Попробуйте позже или добавьте её файлом.`,
      tooLarge: (megabytes: number) => `Это больше предела в ${num(megabytes)} МБ для статьи.`,
      httpStatus: (status: number) => `Сайт ответил ошибкой (HTTP ${status}); ничего не добавлено.`,
      unsupportedType: (type: string) =>
        `По этой ссылке ${type}, а не веб-страница: добавлять можно только HTML, Markdown и обычный текст.`,
      notAnArticle:
        'На этой странице не найдено читаемой статьи (похоже на меню навигации или список ссылок). Ничего не добавлено.',
      noFile: (file: string) => `Файла ${file} нет.`,
      unsupportedFile: (file: string) => `${file} — не .md, .txt или .html; добавлять можно только такие файлы.`,
      unreadableFile: (file: string, reason: string) => `Не удаётся прочитать ${file}: ${reason}.`,
      invalidArticle: (reasons: readonly string[]) => `Статья не проходит проверки библиотеки: ${reasons.join('; ')}.`,
      badServer: (server: string) => `«${server}» — не ID сервера (от 17 до 20 цифр).`,
      added: (title: string, passages: number) =>
        `Статья «${title}» добавлена: ${num(passages)} ${passagesWord(passages)}.`,
      refreshed: (title: string, passages: number) =>
        `Статья «${title}» обновлена: ${num(passages)} ${passagesWord(passages)}.`,
    },
  },

  store: {
    needsServer: 'Эта команда работает на сервере, а не в личных сообщениях.',
    needsManageServer: 'Чтобы использовать здесь эту команду, нужно право «Управлять сервером».',
    consoleNeedsServer: (usage: string) => `Укажите сервер: ${usage}`,
    storeUnavailable: 'Хранилище сейчас недоступно. Попробуйте чуть позже.',
    storeMissing: 'Здесь Footnote работает без хранилища, так что показывать и менять нечего.',
    settingsTitle: 'Настройки этого сервера',
    settingsSaved: 'Сохранено. Footnote применяет изменения сразу.',
    settingsQueued: 'Сохранено; хранилище занято, поэтому изменения вступят в силу чуть позже.',
    get settingsNothing() {
      return `Менять нечего: укажите хотя бы один параметр, например ${commandMention('settings set', 'reply-mode:thread')}.`;
    },
    channelSaved: (channel: string, on: boolean) =>
      `Теперь на упоминания в ${channel} ${on ? 'отвечают' : 'не отвечают'}, независимо от общей настройки сервера.`,
    settingSource: (own: boolean) => (own ? 'выбор этого сервера' : 'по умолчанию'),
    settingNames: {
      mentions: 'Отвечать на @упоминания',
      replyMode: 'Как отвечать на упоминания',
      cooldownSeconds: 'Пауза для участника (с)',
      channelCooldownSeconds: 'Пауза для канала (с)',
      privateDefault: 'Приватные ответы по умолчанию',
      feedback: 'Кнопки 👍/👎',
      get logging() {
        return `Журнал вопросов (для ${commandMention('gaps')})`;
      },
    },
    channelOverrides: (list: string) => `Каналы со своей настройкой упоминаний: ${list}`,
    onOff: (on: boolean) => (on ? 'вкл.' : 'выкл.'),
    gapsTitle: (days: number) => `На что библиотека ответила плохо за последние ${num(days)} ${daysWord(days)}`,
    gapsIntro: (questions: number, up: number, down: number) =>
      `${num(questions)} ${plural(questions, 'вопрос', 'вопроса', 'вопросов')}; оценки 👍 ${num(up)} · 👎 ${num(down)}.`,
    gapsEmpty: 'Сообщать не о чем: на все вопросы за этот период есть ответ, и ни один фрагмент не получил 👎.',
    gapsAsked: (count: number) => `спрашивали ${num(count)}×`,
    gapsNearest: (article: string, paragraph: number) => `ближе всего: ${article} ¶${num(paragraph)}`,
    gapsNoNearest: 'близких фрагментов нет',
    gapsDownvoted: (down: number, up: number) => `👎 ${num(down)} · 👍 ${num(up)}`,
    gapsReasons: (reasons: readonly string[]) => (reasons.length === 0 ? 'причина не указана' : reasons.join('; ')),
    privacyTitle: 'Что хранит Footnote',
    privacy: (days: number) =>
      [
        `Для ${commandMention('gaps')} Footnote записывает каждый вопрос вместе с каналом, хешем вашего ID пользователя с секретным ключом (но не сам ID), тем, что нашлось, и временем ответа; оценки 👍/👎 хранятся так же.`,
        `Записи и оценки удаляются через ${num(days)} ${daysWord(days)}, а все данные сервера — когда Footnote удаляют с него.`,
        `Администраторы сервера могут отключить журнал и кнопки командой ${commandMention('settings set', 'logging:false', 'feedback:false')}.`,
      ].join('\n'),
  },

  library: {
    unavailable: 'Отсюда библиотеку изменить нельзя.',
    needsManageServerHere: 'Чтобы менять полку этого сервера, нужно право «Управлять сервером».',
    get needsInvitedServer() {
      return `${commandMention('library')} меняет полку сервера: используйте её на сервере, который пригласил Footnote (не в личных сообщениях и не через установку приложения для себя).`;
    },
    notOwner: 'Менять общую библиотеку из Discord могут только люди, указанные в LIBRARY_OWNER_IDS.',
    consoleUsage:
      '/library add <url|path> [server:<id>] | /library remove article:<id> [server:<id>] | /library list [server:<id>]',
    get needsSource() {
      return `Укажите ссылку (\`${optionMention('library add', 'link:')}\`) или прикрепите файл (\`${optionMention('library add', 'file:')}\`): .md, .txt или .html, не больше 2 МБ.`;
    },
    bothSources: 'Укажите ссылку или файл, но не то и другое сразу.',
    tooManyAdds: (limit: number) =>
      `За последний час этот сервер уже добавил ${num(limit)} ${articlesWord(limit)} — это предел. Попробуйте позже.`,
    added: (refreshed: boolean, shelf: string) =>
      `Статья ${refreshed ? 'обновлена' : 'добавлена'}: теперь она ${shelf}, и Footnote уже отвечает по ней.`,
    /** Where an article stands, as it follows «теперь она …» and «её больше нет …». */
    shelfName: (shared: boolean) => (shared ? 'в общей библиотеке' : 'на полке этого сервера'),
    author: 'Автор',
    published: 'Опубликовано',
    passages: 'Фрагменты',
    firstPassage: 'Первый фрагмент',
    unknown: 'не указано',
    source: 'Источник',
    noSuchArticle: (wanted: string) =>
      `На этой полке нет статьи «${wanted}». Что на ней есть, покажет ${commandMention('library list')}; автодополнение предложит её статьи.`,
    removed: (title: string, shelf: string) => `Статья «${title}» удалена: её больше нет ${shelf}.`,
    removeFailed: (reason: string) => `Не удалось удалить файл статьи: ${reason}`,
    listTitle: (shared: boolean) => (shared ? 'Общая библиотека' : 'Полка этого сервера'),
    listIntro: (articles: number) =>
      `На этой полке ${num(articles)} ${articlesWord(articles)} в дополнение к общей библиотеке. Последние изменения — в конце списка.`,
    get listEmpty() {
      return `На этой полке пока пусто: ${commandMention('library add', 'link:<url>')} добавит на неё статью.`;
    },
    action: (action: string, detail: string, when: string) => `${action} ${detail} · ${when}`,
    recentTitle: 'Последние изменения',
  },

  commands: {
    ask: { name: 'спросить', description: 'Задайте вопрос и получите дословные цитаты с указанием источников' },
    'ask question': { name: 'вопрос', description: 'Что вы хотите узнать' },
    'ask article': { name: 'статья', description: 'Искать только в этой статье' },
    'ask private': { name: 'приватно', description: 'Ответ увидите только вы (потом его можно опубликовать)' },
    'ask (summary)': { description: 'Задайте вопрос; ответ — дословная цитата с указанием источника.' },
    timeline: { name: 'хронология', description: 'События из статей по датам, у каждого — источник' },
    'timeline from': { name: 'от', description: 'Самая ранняя дата: год (2020), месяц (2022-02) или день' },
    'timeline to': { name: 'до', description: 'Самая поздняя дата: год, месяц или день' },
    'timeline article': { name: 'статья', description: 'Только эта статья' },
    'timeline about': {
      name: 'про',
      description: 'Только события о ком-то или чём-то (компания, человек, страна) под любым его названием',
    },
    'timeline (summary)': {
      description: 'События по датам, у каждого — источник; фильтры: от, до, статья и про.',
    },
    investment: {
      name: 'инвестиции',
      description: 'Цифры об инвестициях, кредитах, займах и приватизации, затем лучшие фрагменты',
    },
    'investment article': { name: 'статья', description: 'Только эта статья' },
    'investment (summary)': {
      description: 'Цифры об инвестициях, кредитах, займах и приватизации: что каждая измеряет и откуда она взята.',
    },
    sources: { name: 'источники', description: 'Статьи, по которым отвечает Footnote' },
    'sources (summary)': { description: 'Список статей библиотеки с числом фрагментов в каждой.' },
    help: { name: 'помощь', description: 'Как пользоваться Footnote' },
    'help (summary)': { description: 'Показать команды.' },
    'Find sources': { name: 'Найти источники' },
    'Find sources (summary)': {
      get description() {
        return `Найти цитаты с источниками для текста сообщения (в Discord: правый клик по сообщению › Приложения › ${menuCommandName('Find sources')}).`;
      },
    },
    settings: { name: 'настройки', description: 'Показать или изменить поведение Footnote на этом сервере' },
    'settings show': { name: 'показать', description: 'Настройки этого сервера' },
    'settings set': { name: 'изменить', description: 'Изменить настройки этого сервера' },
    'settings set mentions': { name: 'упоминания', description: 'Отвечать на вопросы к @Footnote на этом сервере' },
    'settings set reply-mode': {
      name: 'режим-ответа',
      description: 'Отвечать на упоминание прямо в канале (ответом) или в ветке',
    },
    'settings set reply-mode =inline': { name: 'ответом в канале' },
    'settings set reply-mode =thread': { name: 'в ветке' },
    'settings set cooldown': {
      name: 'пауза',
      description: 'Сколько секунд участник ждёт между вопросами (0 — без паузы)',
    },
    'settings set channel-cooldown': {
      name: 'пауза-канала',
      description: 'Сколько секунд между вопросами в одном канале (0 — без паузы)',
    },
    'settings set private': { name: 'приватно', description: 'По умолчанию ответ видит только автор вопроса' },
    'settings set feedback': { name: 'оценки', description: 'Кнопки 👍/👎 под ответами' },
    'settings set logging': {
      name: 'журнал',
      get description() {
        return `Записывать вопросы для ${commandMention('gaps')}`;
      },
    },
    'settings channel': {
      name: 'канал',
      description: 'Отвечать ли на упоминания в одном канале, независимо от настройки сервера',
    },
    'settings channel channel': { name: 'канал', description: 'Канал' },
    'settings channel mentions': { name: 'упоминания', description: 'Отвечать на упоминания в этом канале' },
    'settings (summary)': { description: 'Показать или изменить настройки сервера (право «Управлять сервером»).' },
    gaps: { name: 'пробелы', description: 'О чём спрашивали участники, а библиотека ответила плохо' },
    'gaps days': { name: 'дни', description: 'Последние 7 или 30 дней (по умолчанию 7)' },
    'gaps days =7': { name: '7 дней' },
    'gaps days =30': { name: '30 дней' },
    'gaps (summary)': {
      description:
        'Вопросы сервера без хорошего ответа и фрагменты с наибольшим числом 👎 (право «Управлять сервером»).',
    },
    library: {
      name: 'библиотека',
      description: 'Добавляйте статьи на полку сервера по ссылке или файлом, удаляйте их, смотрите список',
    },
    'library add': {
      name: 'добавить',
      description: 'Добавить статью по ссылке или из файла (.md, .txt, .html, не больше 2 МБ)',
    },
    'library add link': { name: 'ссылка', description: 'Адрес веб-страницы' },
    'library add file': { name: 'файл', description: 'Файл .md, .txt или .html' },
    'library add shelf': {
      name: 'полка',
      description: 'Полка этого сервера (по умолчанию) или общая библиотека (только LIBRARY_OWNER_IDS)',
    },
    'library add shelf =server': { name: 'полка этого сервера' },
    'library add shelf =shared': { name: 'общая библиотека' },
    'library remove': { name: 'удалить', description: 'Удалить статью с полки' },
    'library remove article': { name: 'статья', description: 'Какую статью удалить' },
    'library remove shelf': {
      name: 'полка',
      description: 'Полка этого сервера (по умолчанию) или общая библиотека (только LIBRARY_OWNER_IDS)',
    },
    'library remove shelf =server': { name: 'полка этого сервера' },
    'library remove shelf =shared': { name: 'общая библиотека' },
    'library list': { name: 'список', description: 'Статьи на полке и последние изменения' },
    'library list shelf': {
      name: 'полка',
      description: 'Полка этого сервера (по умолчанию) или общая библиотека (только LIBRARY_OWNER_IDS)',
    },
    'library list shelf =server': { name: 'полка этого сервера' },
    'library list shelf =shared': { name: 'общая библиотека' },
    'library (summary)': {
      description:
        'Добавить статью по ссылке или файлом, удалить статью или показать полку сервера (право «Управлять сервером»).',
    },
    privacy: { name: 'конфиденциальность', description: 'Что Footnote хранит о ваших вопросах и как долго' },
    'privacy (summary)': { description: 'Что хранит Footnote, как долго и как это отключить.' },
  },
};
