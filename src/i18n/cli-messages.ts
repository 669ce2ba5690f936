import type { TextPlace } from '../config/contrast.ts';
import type { Locale } from '../config/schemas/common.ts';
import { settings } from '../environment/index.ts';
import { plural } from './plural.ts';

/**
 * The words of the command line, the validator and the imports, in Russian and English. Which
 * language: the environment's when it names one (LC_ALL, LC_MESSAGES, LANG; see
 * src/environment), else the project's locale, else English. The test suite pins LANG=C.UTF-8
 * (vitest.config.ts), so its English expectations hold on a Russian developer's machine too.
 */
export function messageLocale(projectLocale: Locale | undefined, environmentLocale: Locale | undefined): Locale {
  return environmentLocale ?? projectLocale ?? 'en';
}

let projectLocale: Locale | undefined;

/** The project a command works on decides the language when the environment does not. */
export function useProjectLocale(locale: Locale | undefined): void {
  projectLocale = locale;
}

/** The catalogue in the language messages are written in now (see messageLocale). */
export function cliMessages(): CliMessages {
  return CATALOGUES[currentMessageLocale()];
}

/**
 * A zod `error` that words a schema's own check in the language of messages at parse time, so one
 * schema, built once at import, answers a Russian project in Russian and an English one in English.
 */
export function schemaMessage(pick: (words: CliMessages['validator']['schema']) => string): () => string {
  return () => pick(cliMessages().validator.schema);
}

/** The language of messages now, to hand to a worker thread, which has module state of its own. */
export function currentMessageLocale(): Locale {
  return messageLocale(projectLocale, settings().locale);
}

export type SizeBound = 'at least' | 'at most' | 'more than' | 'less than';

/** «5 символов», «2 символа», «1 символ». */
const CHARACTERS = { one: 'символ', few: 'символа', other: 'символов' };
/** After «не больше», «длиннее»: «1 символа», «5 символов». */
const CHARACTERS_GENITIVE = { one: 'символа', few: 'символов', other: 'символов' };

/** A brand colour pair below the contrast WCAG 2.1 AA asks of text. */
interface LowContrast {
  text: string;
  textColor: string;
  on: string;
  onColor: string;
  where: TextPlace;
  ratio: number;
  minimum: number;
}

const TEXT_PLACES_EN: Record<TextPlace, string> = {
  pageText: 'body text on the page',
  cardText: 'text on cards',
  buttonLabels: 'button labels',
  pageLinks: 'links and outlined buttons on the page',
  cardLinks: 'links and outlined buttons on cards',
};

const TEXT_PLACES_RU: Record<TextPlace, string> = {
  pageText: 'основной текст страницы',
  cardText: 'текст на карточках',
  buttonLabels: 'надписи на кнопках',
  pageLinks: 'ссылки и контурные кнопки на странице',
  cardLinks: 'ссылки и контурные кнопки на карточках',
};

/** Russian writes a decimal comma: 4,5:1. */
const russianDecimal = (value: string) => value.replace('.', ',');

const quoteList = (values: readonly string[]) => values.map((value) => `«${value}»`).join(', ');

const en = {
  csv: {
    refusedKoi8: 'the file is not in UTF-8 and looks like KOI8-R, an encoding the import does not read',
    refusedLegacy: 'the file is not in UTF-8, and read as Windows-1251 it is not Russian text either (Latin-1 or DOS 866?)',
    saveAsUtf8: 'open it in Excel and save it with «Save as» → «CSV UTF-8 (comma delimited)», then import that file',
    garbled: (what: string, fix: string) => `${what}, so its names would come out garbled; ${fix}.`,
    mixedEncodings: (encoding: string, line: number, fix: string) =>
      `the text stops being ${encoding} around line ${line}, so the file mixes encodings (rows pasted from another export?); ${fix}.`,
    recordTooLong: (line: number) =>
      `the CSV cannot be read (the record starting on line ${line} is longer than 1 MB; a quote is probably left open there).`,
    empty: 'the file is empty; expected a header line and rows.',
    doubledColumn: (headers: readonly string[], canonical: string) =>
      `columns ${quoteList(headers)} both mean ${canonical}; keep one of them.`,
    missingColumns: (missing: { canonical: string; aliases: readonly string[] }[], header: readonly string[]) =>
      `the header has no ${missing.map((column) => `${column.canonical} column (also accepted: ${quoteList(column.aliases)})`).join(', no ')}; found ${quoteList(header)}.`,
  },
  links: {
    refusedRows: (file: string, count: number, rows: number) =>
      `${file}: ${count} of ${rows} rows cannot be imported, so nothing was imported or written:`,
    imported: (rows: number, slug: string, customers: number, newLinks: number, existing: number) =>
      `Imported ${rows} rows into ${slug}: ${customers} customers, ${newLinks} new links, ${existing} already linked.`,
    readAs: (encoding: string) => `The file was read as ${encoding}.`,
    repeated: (rows: number) => `${rows} rows repeated a customer word for word and were skipped.`,
    changedExisting: (count: number, fields: Record<'name' | 'segment' | 'spend', number>) =>
      `${count} already linked customers have other data in this file (name: ${fields.name}, segment: ${fields.segment}, ` +
      `spend: ${fields.spend}); their links keep the data of their first import (--update takes the file's).`,
    updatedExisting: (count: number, fields: Record<'name' | 'segment' | 'spend', number>) =>
      `Updated the links of ${count} already linked customers from this file (name: ${fields.name}, segment: ${fields.segment}, ` +
      `spend: ${fields.spend}); their links and groups are unchanged.`,
    split: (target: number, control: number, percent: number) =>
      `Target ${target}, control ${control} (control share ${percent}% per segment):`,
    columns: ['segment', 'customers', 'new', 'target', 'control'] as readonly string[],
    noSegment: '(no segment)',
    targetFile: (file: string, rows: number) => `Mail-merge file (target, with urls): ${file} (${rows} rows)`,
    controlFile: (file: string, rows: number) => `Control group (do not mail, no urls): ${file} (${rows} rows)`,
    smallControl: (control: number, minimum: number) =>
      `Warning: the control group has ${control} customers, too few to measure reactivation against ` +
      `(at least ${minimum} are needed); the dashboard's target-vs-control comparison will be noise. Import more customers or raise reactivation.controlShare.`,
  },
  orders: {
    refusedRows: (file: string, count: number, rows: number) =>
      `${file}: ${count} of ${rows} rows cannot be imported, so no order was stored:`,
    read: (rows: number, file: string, slug: string, added: number, duplicates: number) =>
      `Read ${rows} rows of ${file} into ${slug}: ${added} orders added, ${duplicates} already stored.`,
    repeated: (rows: number) => `${rows} rows repeated an order word for word and were skipped.`,
    unknownCustomers: (slug: string, count: number) =>
      `Orders of customers without a link in ${slug}: ${count} (kept, but they cannot count as reactivations).`,
  },
  validate: {
    none: 'No project folders to check.',
    clean: (projects: number) => `✓ ${projects} ${projects === 1 ? 'project' : 'projects'} checked, no problems.`,
    broken: (problems: number, broken: number, projects: number) =>
      `✗ ${problems} ${problems === 1 ? 'problem' : 'problems'} in ${broken} of ${projects} ${projects === 1 ? 'project' : 'projects'}.`,
    quoteColon: 'a text containing «: » must be in quotes',
    quoteBrace: 'a text starting with { or [ must be in quotes',
    quotePlaceholder: (example: string) => `a text starting with { must be in quotes, like ${example}`,
  },
  rows: {
    empty: (field: string) => `${field} is empty`,
    tooManyCharacters: (field: string, length: number, maximum: number) => `${field} is ${length} characters; expected at most ${maximum}`,
    longerThan: (field: string, maximum: number) => `${field} is longer than ${maximum} characters`,
    notAmount: (field: string, value: string, example: string) => `${field} «${value}» is not an amount; expected a number like ${example}`,
    negative: (field: string, value: string) => `${field} «${value}» is negative; expected 0 or more`,
    notEmail: (value: string) => `email «${value}» is not an address like anna@example.com`,
    notDate: (field: string, value: string) => `${field} «${value}» is not a date; expected 2020-12-20, 2020-12-20 14:05 or 20.12.2020`,
    extraFields: (count: number) => `has ${count} field(s) more than the header; quote values that contain the delimiter`,
    repeatedCustomer: (customerId: string, line: number, fields: readonly string[]) =>
      `customer_id ${customerId} already appears on line ${line} with a different ${fields.join(', ')}; keep one row per customer`,
    repeatedOrder: (orderId: string, line: number) => `order_id ${orderId} already appears on line ${line} with other data`,
    more: (count: number) => `… and ${count} more`,
  },
  validator: {
    missing: (expected: string) => `required field is missing; ${expected}`,
    expected: (noun: string) => `expected ${noun}`,
    oneOf: (names: readonly string[]) => (names.length === 1 ? `expected ${names[0]}` : `expected one of ${names.join(', ')}`),
    got: ', got ',
    nouns: {
      string: 'text',
      number: 'a number',
      int: 'a whole number',
      boolean: 'true or false',
      object: 'a group of fields (key: value lines)',
      array: 'a list (lines starting with "- ")',
      date: 'a date',
    } as Record<string, string>,
    values: { empty: 'an empty value', list: 'a list', group: 'a group of fields' },
    notEmpty: 'must not be empty',
    bound: { 'at least': 'at least', 'at most': 'at most', 'more than': 'more than', 'less than': 'less than' } as Record<
      SizeBound,
      string
    >,
    characters: (bound: string, limit: number) => `expected ${bound} ${limit} characters`,
    items: (bound: string, limit: number) => `expected ${bound} ${limit} ${limit === 1 ? 'item' : 'items'}`,
    numberBound: (bound: string, limit: string) => `expected a number ${bound} ${limit}`,
    matching: (pattern: string) => `expected text matching ${pattern}`,
    validFormat: (format: string) => `expected a valid ${format}`,
    multipleOf: (divisor: string) => `expected a multiple of ${divisor}`,
    unknownKeys: (keys: readonly string[]) => `unknown ${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}`,
    didYouMean: (key: string) => `; did you mean ${key}?`,
    allowedKeys: (keys: readonly string[]) => `; expected one of ${keys.join(', ')}`,
    /** What the loader finds wrong with the project folder and the files project.yaml names. */
    files: {
      noProjectsFolder: 'folder not found; it should hold one folder per project',
      emptyFile: 'the file is empty; expected the project settings, starting with slug, kind and title',
      invalidYaml: (detail: string) => `invalid YAML: ${detail}`,
      noProjectFile: (name: string) => `file not found; every project folder needs a ${name}`,
      noProjectFolder: 'project folder not found',
      slugMismatch: (folder: string, slug: string) =>
        `expected "${folder}" (the folder name), got "${slug}"; rename the folder or change the slug`,
      notFound: (expects: 'file' | 'folder', value: string) => `${expects} "${value}" not found in the project folder`,
      leadsOutside: (expects: 'file' | 'folder', value: string) =>
        `"${value}" leads outside the project folder (through a symbolic link); copy the ${expects} in`,
      folderNotFile: (value: string) => `expected a file, "${value}" is a folder`,
      fileNotFolder: (value: string) => `expected a folder, "${value}" is a file`,
    },
    /** What the gift check finds wrong with the files a gift needs. */
    gifts: {
      noPagesFolder: (folder: string) => `folder ${folder} does not exist in the project folder; expected a folder of Markdown pages`,
      noPages: (folder: string) => `folder ${folder} has no Markdown pages; expected files like 01-intro.md`,
      imageOutside: (href: string) =>
        `image ${href} is outside the project folder; expected a path like images/photo.jpg next to the pages`,
      imageMissing: (href: string, file: string) => `image ${href} is missing: no file ${file} in the project folder`,
      noPool: (file: string) => `file ${file} does not exist in the project folder; expected a CSV with one code per line`,
      noFile: (file: string) => `file ${file} does not exist in the project folder`,
      poolValues: (count: number) => `has ${count} values; expected one code per line`,
      notCode: (code: string) => `"${code}" is not a promo code; expected 3–64 latin letters, digits, - or _`,
      repeatedCode: (code: string, line: number) => `code ${code} repeats line ${line}; each code must be given once`,
      noCodes: 'has no codes; expected 3–64 latin letters, digits, - or _, one per line',
    },
    /** Messages the config schemas give their own checks (see schemaMessage). */
    schema: {
      hexColour: 'expected a hex colour like #e30613',
      pathInsideProject: 'expected a path inside the project folder, like assets/logo.png',
      dateOrDateTime: 'expected a date like 2020-12-14 or a date-time like 2020-12-14T10:00:00+03:00',
      httpUrl: 'expected an http(s) URL',
      pdfFileName: 'expected a file name ending in .pdf, like gift.pdf',
      containsName: 'must contain {name}',
      shortId: (...examples: string[]) => `expected a short id like ${examples.join(' or ')}`,
      lowercaseId: (example: string) => `expected lowercase letters, digits and dashes, like ${example}`,
      trueOrFalse: 'expected true or false (without quotes)',
      blockedWord: 'expected a word, optionally with * at either end, like скидк*',
      segmentOrTier: 'name a segment or a tier',
      // Says ", got" itself so the friendly error does not echo the value, which may be the secret.
      environmentVariable:
        'expected the name of an environment variable, like REKINDLE_WEBHOOK_SECRET, got another value ' +
        '(not shown: it may be the secret itself, which belongs in the environment)',
      webhookEvents: 'name at least one event, or remove webhook',
      tooFewArms: 'an A/B test needs at least two arms',
      tooManyArms: 'at most four arms: each needs enough customers to be measured',
      repeatedArmIds: 'each arm needs its own id',
      lowContrast: ({ text, textColor, on, onColor, where, ratio, minimum }: LowContrast) =>
        `${text} ${textColor} on ${on} ${onColor} (${TEXT_PLACES_EN[where]}) has a contrast of ${ratio.toFixed(2)}:1; ` +
        `expected at least ${minimum}:1 (WCAG 2.1 AA). Darken one or lighten the other.`,
    },
  },
  unknownProject: (slug: string) => `Project ${slug} cannot be loaded:`,
  noSuchFile: (file: string, expected: string) => `${file}: no such file; expected ${expected}.`,
  customersFile: 'the customers CSV exported from the CRM',
  ordersFile: 'the orders CSV exported from the shop',
};

export type CliMessages = typeof en;

const ru: CliMessages = {
  csv: {
    refusedKoi8: 'файл не в UTF-8 и похож на KOI8-R, а эту кодировку импорт не читает',
    refusedLegacy: 'файл не в UTF-8, а прочитанный как Windows-1251 он не похож на русский текст (Latin-1 или DOS 866?)',
    saveAsUtf8: 'откройте его в Excel, сохраните через «Сохранить как» → «CSV UTF-8 (разделитель — запятая)» и импортируйте этот файл',
    garbled: (what, fix) => `${what}, и имена превратились бы в кракозябры; ${fix}.`,
    mixedEncodings: (encoding, line, fix) =>
      `около строки ${line} текст перестаёт быть ${encoding}: в файле смешаны кодировки (строки вставлены из другой выгрузки?); ${fix}.`,
    recordTooLong: (line) => `CSV не читается (запись со строки ${line} длиннее 1 МБ; скорее всего, там не закрыта кавычка).`,
    empty: 'файл пустой; нужна строка заголовков и строки с данными.',
    doubledColumn: (headers, canonical) => `столбцы ${quoteList(headers)} оба означают ${canonical}; оставьте один.`,
    missingColumns: (missing, header) =>
      `в заголовке нет ${missing.map((column) => `столбца ${column.canonical} (подойдут и ${quoteList(column.aliases)})`).join(', нет ')}; есть ${quoteList(header)}.`,
  },
  links: {
    refusedRows: (file, count, rows) =>
      `${file}: ${count} из ${rows} строк не импортировать, поэтому ничего не импортировано и не записано:`,
    imported: (rows, slug, customers, newLinks, existing) =>
      `Импортировано строк в ${slug}: ${rows}. Клиентов: ${customers}, новых ссылок: ${newLinks}, уже со ссылкой: ${existing}.`,
    readAs: (encoding) => `Файл прочитан в кодировке ${encoding}.`,
    repeated: (rows) => `Строк, слово в слово повторяющих клиента, пропущено: ${rows}.`,
    changedExisting: (count, fields) =>
      `У клиентов со ссылкой (${count}) в этом файле другие данные (имя: ${fields.name}, сегмент: ${fields.segment}, ` +
      `сумма покупок: ${fields.spend}); их ссылки сохраняют данные первого импорта (--update возьмёт данные файла).`,
    updatedExisting: (count, fields) =>
      `Обновлены ссылки клиентов, уже бывших в проекте (${count}), по этому файлу (имя: ${fields.name}, сегмент: ${fields.segment}, ` +
      `сумма покупок: ${fields.spend}); сами ссылки и группы не изменились.`,
    split: (target, control, percent) =>
      `Целевая группа: ${target}, контрольная: ${control} (доля контроля ${percent}% в каждом сегменте):`,
    columns: ['сегмент', 'клиентов', 'новых', 'целевая', 'контроль'],
    noSegment: '(без сегмента)',
    targetFile: (file, rows) => `Файл для рассылки (целевая группа, со ссылками): ${file} (строк: ${rows})`,
    controlFile: (file, rows) => `Контрольная группа (не отправлять, без ссылок): ${file} (строк: ${rows})`,
    smallControl: (control, minimum) =>
      `Внимание: в контрольной группе ${control} клиентов, этого мало, чтобы измерить возврат (нужно хотя бы ${minimum}); ` +
      'сравнение целевой и контрольной групп на дашборде будет шумом. Импортируйте больше клиентов или увеличьте reactivation.controlShare.',
  },
  orders: {
    refusedRows: (file, count, rows) => `${file}: ${count} из ${rows} строк не импортировать, поэтому ни один заказ не сохранён:`,
    read: (rows, file, slug, added, duplicates) =>
      `Прочитано строк из ${file} в ${slug}: ${rows}. Добавлено заказов: ${added}, уже были: ${duplicates}.`,
    repeated: (rows) => `Строк, слово в слово повторяющих заказ, пропущено: ${rows}.`,
    unknownCustomers: (slug, count) => `Заказов клиентов без ссылки в ${slug}: ${count} (сохранены, но возвратом считаться не могут).`,
  },
  validate: {
    none: 'Нет папок проектов для проверки.',
    clean: (projects) => `✓ Проверено проектов: ${projects}, проблем нет.`,
    broken: (problems, broken, projects) =>
      `✗ Проблем: ${problems}, в ${broken} из ${projects} ${plural(projects, 'ru', { one: 'проекта', few: 'проектов', other: 'проектов' })}.`,
    quoteColon: 'текст с «: » внутри нужно взять в кавычки',
    quoteBrace: 'текст, который начинается с { или [, нужно взять в кавычки',
    quotePlaceholder: (example) => `текст, который начинается с {, нужно взять в кавычки, например ${example}`,
  },
  rows: {
    empty: (field) => `${field} не заполнен`,
    tooManyCharacters: (field, length, maximum) => `в ${field} ${length} ${plural(length, 'ru', CHARACTERS)}; можно не больше ${maximum}`,
    longerThan: (field, maximum) => `${field} длиннее ${maximum} ${plural(maximum, 'ru', CHARACTERS_GENITIVE)}`,
    notAmount: (field, value, example) => `${field} «${value}» — не сумма; нужно число вроде ${example}`,
    negative: (field, value) => `${field} «${value}» меньше нуля; нужно 0 или больше`,
    notEmail: (value) => `email «${value}» — не адрес вроде anna@example.com`,
    notDate: (field, value) => `${field} «${value}» — не дата; подойдут 2020-12-20, 2020-12-20 14:05 или 20.12.2020`,
    extraFields: (count) =>
      `в строке на ${count} ${plural(count, 'ru', { one: 'поле', few: 'поля', other: 'полей' })} больше, чем в заголовке; значения с разделителем возьмите в кавычки`,
    repeatedCustomer: (customerId, line, fields) =>
      `customer_id ${customerId} уже есть в строке ${line}, но с другими полями (${fields.join(', ')}); оставьте одну строку на клиента`,
    repeatedOrder: (orderId, line) => `order_id ${orderId} уже есть в строке ${line}, но с другими данными`,
    more: (count) => `… и ещё ${count}`,
  },
  validator: {
    missing: (expected) => `обязательное поле не заполнено; ${expected}`,
    expected: (noun) => `ожидается ${noun}`,
    oneOf: (names) => (names.length === 1 ? `ожидается ${names[0]}` : `ожидается одно из: ${names.join(', ')}`),
    got: ', а получено ',
    nouns: {
      string: 'текст',
      number: 'число',
      int: 'целое число',
      boolean: 'true или false',
      object: 'группа полей (строки «ключ: значение»)',
      array: 'список (строки, начинающиеся с «- »)',
      date: 'дата',
    },
    values: { empty: 'пустое значение', list: 'список', group: 'группа полей' },
    notEmpty: 'не может быть пустым',
    bound: { 'at least': 'не меньше', 'at most': 'не больше', 'more than': 'больше', 'less than': 'меньше' },
    characters: (bound, limit) => `нужно ${bound} ${limit} ${plural(limit, 'ru', CHARACTERS_GENITIVE)}`,
    items: (bound, limit) => `нужно ${bound} ${limit} ${plural(limit, 'ru', { one: 'элемента', few: 'элементов', other: 'элементов' })}`,
    numberBound: (bound, limit) => `ожидается число ${bound} ${limit}`,
    matching: (pattern) => `текст должен подходить под ${pattern}`,
    validFormat: (format) => `ожидается правильное значение формата ${format}`,
    multipleOf: (divisor) => `ожидается число, кратное ${divisor}`,
    unknownKeys: (keys) => `${keys.length === 1 ? 'неизвестный ключ' : 'неизвестные ключи'} ${keys.join(', ')}`,
    didYouMean: (key) => `; может быть, имелся в виду ${key}?`,
    allowedKeys: (keys) => `; допустимы: ${keys.join(', ')}`,
    files: {
      noProjectsFolder: 'папка не найдена; в ней должно быть по папке на каждый проект',
      emptyFile: 'файл пустой; нужны настройки проекта, начиная со slug, kind и title',
      invalidYaml: (detail) => `ошибка в YAML: ${detail}`,
      noProjectFile: (name) => `файл не найден; в каждой папке проекта нужен ${name}`,
      noProjectFolder: 'папка проекта не найдена',
      slugMismatch: (folder, slug) => `ожидается "${folder}" (имя папки), а получено "${slug}"; переименуйте папку или измените slug`,
      notFound: (expects, value) =>
        expects === 'file' ? `файл "${value}" не найден в папке проекта` : `папка "${value}" не найдена в папке проекта`,
      leadsOutside: (expects, value) =>
        `"${value}" ведёт за пределы папки проекта (через символическую ссылку); скопируйте ${expects === 'file' ? 'файл' : 'папку'} внутрь`,
      folderNotFile: (value) => `ожидается файл, а "${value}" — папка`,
      fileNotFolder: (value) => `ожидается папка, а "${value}" — файл`,
    },
    gifts: {
      noPagesFolder: (folder) => `папки ${folder} нет в папке проекта; нужна папка со страницами в Markdown`,
      noPages: (folder) => `в папке ${folder} нет страниц в Markdown; нужны файлы вроде 01-intro.md`,
      imageOutside: (href) => `картинка ${href} лежит вне папки проекта; нужен путь вроде images/photo.jpg рядом со страницами`,
      imageMissing: (href, file) => `картинки ${href} нет: в папке проекта нет файла ${file}`,
      noPool: (file) => `файла ${file} нет в папке проекта; нужен CSV с одним кодом в строке`,
      noFile: (file) => `файла ${file} нет в папке проекта`,
      poolValues: (count) =>
        `в строке ${count} ${plural(count, 'ru', { one: 'значение', few: 'значения', other: 'значений' })}; нужен один код в строке`,
      notCode: (code) => `"${code}" — не промокод; нужно от 3 до 64 латинских букв, цифр, - или _`,
      repeatedCode: (code, line) => `код ${code} повторяет строку ${line}; каждый код выдаётся один раз`,
      noCodes: 'в файле нет кодов; нужно по одному коду в строке, от 3 до 64 латинских букв, цифр, - или _',
    },
    schema: {
      hexColour: 'ожидается цвет в формате hex, например #e30613',
      pathInsideProject: 'ожидается путь внутри папки проекта, например assets/logo.png',
      dateOrDateTime: 'ожидается дата вроде 2020-12-14 или дата со временем вроде 2020-12-14T10:00:00+03:00',
      httpUrl: 'ожидается адрес, начинающийся с http:// или https://',
      pdfFileName: 'ожидается имя файла с окончанием .pdf, например gift.pdf',
      containsName: 'в тексте должен быть {name}',
      shortId: (...examples) => `ожидается короткий id, например ${examples.join(' или ')}`,
      lowercaseId: (example) => `ожидаются строчные латинские буквы, цифры и дефисы, например ${example}`,
      trueOrFalse: 'ожидается true или false (без кавычек)',
      blockedWord: 'ожидается слово, можно со * в начале или в конце, например скидк*',
      segmentOrTier: 'укажите сегмент (segment) или уровень (tier)',
      environmentVariable:
        'ожидается имя переменной окружения, например REKINDLE_WEBHOOK_SECRET, а получено другое значение ' +
        '(оно не показано: это может быть сам секрет, а ему место в окружении)',
      webhookEvents: 'укажите хотя бы одно событие или уберите webhook',
      tooFewArms: 'для A/B-теста нужно не меньше двух вариантов',
      tooManyArms: 'не больше четырёх вариантов: на каждый нужно достаточно клиентов, чтобы его измерить',
      repeatedArmIds: 'у каждого варианта должен быть свой id',
      lowContrast: ({ text, textColor, on, onColor, where, ratio, minimum }) =>
        `контраст ${text} ${textColor} на ${on} ${onColor} (${TEXT_PLACES_RU[where]}) — ${russianDecimal(ratio.toFixed(2))}:1, ` +
        `а нужно не меньше ${russianDecimal(String(minimum))}:1 (WCAG 2.1 AA). Затемните один цвет или осветлите другой.`,
    },
  },
  unknownProject: (slug) => `Проект ${slug} не загружается:`,
  noSuchFile: (file, expected) => `${file}: такого файла нет; нужен ${expected}.`,
  customersFile: 'CSV с клиентами, выгруженный из CRM',
  ordersFile: 'CSV с заказами, выгруженный из магазина',
};

const CATALOGUES: Record<Locale, CliMessages> = { en, ru };
