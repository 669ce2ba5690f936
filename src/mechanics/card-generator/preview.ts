import type { PreviewPlay } from '../types.ts';
import type { AnswerValue, CardGeneratorConfig, CardQuestion } from './schema.ts';

/** A name that shows how a greeting reads with one, in the card's language. */
const SAMPLE_NAME = { ru: 'Анна', en: 'Anna' } as const;

/**
 * Each question (the ones before it answered with their first option), then one card per option
 * of the first picture question: the options are what change a card's picture and words.
 */
export function cardPreviewPlays(config: CardGeneratorConfig): PreviewPlay[] {
  const sample = config.questions.map((question) => sampleAnswer(config, question));
  const answers = (values: AnswerValue[]) => values.map((value, question) => ({ type: 'answer', question, value }));
  const steps = config.questions.map((question, index) => ({ label: question.title, actions: answers(sample.slice(0, index)) }));
  const varied = config.questions.findIndex((question) => question.type === 'choice');
  const variedQuestion = config.questions[varied];
  if (variedQuestion?.type !== 'choice') return [...steps, { label: config.cardTitle ?? '', actions: answers(sample) }];
  const cards = variedQuestion.options.map((option) => {
    const values = [...sample];
    values[varied] = variedQuestion.multiple ? [option.id] : option.id;
    // A dash, not a colon: titles are questions («Какое настроение?»), and «?:» reads as a typo.
    return { label: `${variedQuestion.title} — ${option.label}`, actions: answers(values) };
  });
  return [...steps, ...cards];
}

function sampleAnswer(config: CardGeneratorConfig, question: CardQuestion): AnswerValue {
  if (question.type === 'text') return SAMPLE_NAME[config.locale];
  const first = question.options[0]?.id ?? '';
  return question.multiple ? [first] : first;
}
