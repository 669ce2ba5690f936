import type { Locale } from '../../config/schemas/common.ts';

// Apart from strings.ts, which the player imports: the validator's words stay out of the player's bundle.

/** What the validator says about a survey whose questions do not fit together, in the language of messages. */
const problemsEn = {
  repeatedId: (id: string, earlier: number) => `id ${id} repeats questions[${earlier}]; each question needs its own id`,
  unknownTier: (tier: string, tiers: readonly string[]) =>
    `tier ${tier} is not in tiers; expected one of: ${tiers.join(', ') || '(no tiers defined)'}`,
  noEarlierQuestion: (id: string) => `no earlier question has id ${id}; expected the id of a question asked before this one`,
  followsFreeText: (id: string) => `question ${id} is a free-text question; follow-ups can depend on choice and NPS questions only`,
  unknownAnswer: (id: string, answer: string, known: readonly string[]) =>
    `question ${id} has no answer ${answer}; expected one of: ${known.join(', ')}`,
};

const problemsRu: typeof problemsEn = {
  repeatedId: (id, earlier) => `id ${id} повторяет questions[${earlier}]; у каждого вопроса должен быть свой id`,
  unknownTier: (tier, tiers) => `уровня ${tier} нет в tiers; ожидается один из: ${tiers.join(', ') || '(уровни не заданы)'}`,
  noEarlierQuestion: (id) => `среди предыдущих вопросов нет вопроса с id ${id}; укажите id вопроса, заданного раньше этого`,
  followsFreeText: (id) => `вопрос ${id} — со свободным ответом; уточняющие вопросы могут зависеть только от вопросов с выбором и NPS`,
  unknownAnswer: (id, answer, known) => `у вопроса ${id} нет ответа ${answer}; ожидается один из: ${known.join(', ')}`,
};

const problemDictionaries: Record<Locale, typeof problemsEn> = { ru: problemsRu, en: problemsEn };

export function surveyProblems(locale: Locale): typeof problemsEn {
  return problemDictionaries[locale];
}
