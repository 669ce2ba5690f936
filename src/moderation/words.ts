/**
 * The built-in block list: Russian mat and the strongest English swear words and slurs, the words
 * nobody wants printed on a greeting card with a shop's logo. It is deliberately short; milder
 * words that fit one campaign and not another belong in the project's own `moderation.blockList`,
 * which uses the same pattern syntax and is added to this list.
 *
 * Pattern syntax (also for project lists): `word` blocks the whole word, `word*` words starting
 * with it, `*word` words ending with it, `*word*` words containing it. Patterns are matched after
 * normalisation (lower case, ё → е, look-alike letters and digits mapped, repeated letters and
 * separators like «х.у.й» collapsed), so `сука` also catches «Сууука», «cyка» and «с-у-к-а».
 * A pattern written in Cyrillic is matched against Cyrillic-looking text, a Latin one against
 * Latin-looking text.
 */
export const blockedPatterns: readonly string[] = [
  // Russian: roots of mat, matched inside words because they inflect and take prefixes.
  '*хуй*',
  '*хуе*',
  '*хуя*',
  '*хуи*',
  '*хую*',
  '*пизд*',
  '*пезд*',
  '*бляд*',
  '*блят*',
  'бля',
  'блядь',
  '*ебан*',
  '*ебат*',
  '*ебал*',
  '*ебуч*',
  '*ебну*',
  '*ебло*',
  '*еблан*',
  'еби',
  'ебу',
  'ебись',
  '*заеб*',
  '*наеб*',
  '*выеб*',
  '*уеб*',
  '*въеб*',
  '*отъеб*',
  '*съеб*',
  '*проеб*',
  '*доеб*',
  '*поеб*',
  '*разъеб*',
  'мудак*',
  'мудил*',
  'мудач*',
  '*пидор*',
  '*пидар*',
  '*пидр*',
  'гандон*',
  'гондон*',
  '*залуп*',
  'манда',
  'манды',
  'шлюх*',
  'шалав*',
  'сука',
  'суки',
  'суку',
  'сукой',
  'сучк*',
  'сучар*',
  'мразь',
  'мрази',
  'чмо',
  'дебил*',
  'говн*',
  'дерьм*',
  'жоп*',
  // English.
  '*fuck*',
  '*fuk*',
  '*shit*',
  'cunt*',
  'bitch*',
  '*asshole*',
  'dick',
  'dicks',
  'dickhead*',
  'cock',
  'cocks',
  '*cocksuck*',
  'whore*',
  'slut*',
  'bastard*',
  'nigger*',
  'nigga*',
  'fag',
  'fags',
  'faggot*',
  'retard*',
  'pussy',
  'twat*',
  'wank*',
  'bollocks',
  'prick',
  'pricks',
];

/**
 * Ordinary words that contain a blocked root; a word matching one of these is never blocked.
 */
export const allowedPatterns: readonly string[] = [
  '*страху*', // страхуем, застрахуешь: «хуе», «хую»
  '*гребат*', // загребать, разгребать: «ебат»
  '*хлебн*', // хлебнуть: «ебну»
  '*shitake*', // shiitake after repeated letters collapse
];
