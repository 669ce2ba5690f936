import { assetUrl } from '../../config/asset-url.ts';
import { checkFreeText } from '../../moderation/index.ts';
import { ActionRefused, type ActContext, type FunnelStep, type PlaySummary } from '../types.ts';
import { composeCard, type ComposedCard } from './compose.ts';
import { cardGeneratorActionSchema, type AnswerValue, type CardGeneratorConfig, type CardQuestion, type ChoiceQuestion } from './schema.ts';
import { cardStrings } from './strings.ts';

/** Answers in question order; the card appears once the last one is in. */
export interface CardGeneratorState {
  answers: AnswerValue[];
  card?: ComposedCard;
}

/** A question as the browser sees it: labels and pictures, never the fragments behind them. */
export type QuestionView =
  | { type: 'text'; id: string; title: string; hint?: string; placeholder?: string; maxLength: number }
  | {
      type: 'choice';
      id: string;
      title: string;
      hint?: string;
      multiple: boolean;
      maxChoices: number;
      options: { id: string; label: string; imageUrl?: string }[];
    };

export type CardGeneratorView =
  | { stage: 'question'; index: number; total: number; question: QuestionView }
  | { stage: 'card'; title: string; text: string; imageUrl?: string; variant: number };

export function initialState(): CardGeneratorState {
  return { answers: [] };
}

export function isComplete(_config: CardGeneratorConfig, state: CardGeneratorState): boolean {
  return state.card !== undefined;
}

export function act(config: CardGeneratorConfig, state: CardGeneratorState, rawAction: unknown, context: ActContext): CardGeneratorState {
  const strings = cardStrings(config.locale);
  const action = cardGeneratorActionSchema.parse(rawAction);
  switch (action.type) {
    case 'restart':
      return initialState();
    case 'another':
      if (!state.card) throw new ActionRefused('card-not-ready', strings.refusedCardNotReady);
      return { ...state, card: composeCard(config, state.answers, context.seed, state.card.variant + 1) };
    case 'answer': {
      if (state.card) throw new ActionRefused('card-ready', strings.refusedCardReady);
      const question = config.questions[action.question];
      if (action.question !== state.answers.length || !question) {
        throw new ActionRefused('wrong-question', strings.refusedWrongQuestion);
      }
      const answers = [...state.answers, acceptedAnswer(config, question, action.value)];
      if (answers.length < config.questions.length) return { answers };
      return { answers, card: composeCard(config, answers, context.seed, 1) };
    }
  }
}

function acceptedAnswer(config: CardGeneratorConfig, question: CardQuestion, value: AnswerValue): AnswerValue {
  const strings = cardStrings(config.locale);
  if (question.type === 'choice') return acceptedChoice(config, question, value);
  if (typeof value !== 'string') throw new ActionRefused('expected-text', strings.refusedExpectedText);
  const checked = checkFreeText(value, {
    maxLength: question.maxLength,
    blockList: config.moderation.blockList,
    locale: config.locale,
  });
  if (!checked.ok) throw new ActionRefused(checked.code, checked.message);
  return checked.text;
}

function acceptedChoice(config: CardGeneratorConfig, question: ChoiceQuestion, value: AnswerValue): AnswerValue {
  const strings = cardStrings(config.locale);
  const ids = Array.isArray(value) ? value : [value];
  if (!question.multiple && ids.length !== 1) throw new ActionRefused('expected-one', strings.refusedExpectedOne);
  if (ids.length > question.maxChoices) throw new ActionRefused('too-many', strings.refusedTooMany(question.maxChoices));
  if (new Set(ids).size !== ids.length) throw new ActionRefused('repeated-option', strings.refusedRepeated);
  if (!ids.every((id) => question.options.some((option) => option.id === id))) {
    throw new ActionRefused('unknown-option', strings.refusedUnknownOption);
  }
  // Stored in the config's order, so the same picks in another order give the same card.
  const ordered = question.options.filter((option) => ids.includes(option.id)).map((option) => option.id);
  return question.multiple ? ordered : (ordered[0] as string);
}

function questionView(config: CardGeneratorConfig, question: CardQuestion): QuestionView {
  const { id, title, hint } = question;
  if (question.type === 'text') {
    return { type: 'text', id, title, hint, placeholder: question.placeholder, maxLength: question.maxLength };
  }
  return {
    type: 'choice',
    id,
    title,
    hint,
    multiple: question.multiple,
    maxChoices: question.multiple ? question.maxChoices : 1,
    options: question.options.map((option) => ({
      id: option.id,
      label: option.label,
      ...(option.image ? { imageUrl: assetUrl(config.slug, option.image) } : {}),
    })),
  };
}

export function view(config: CardGeneratorConfig, state: CardGeneratorState): CardGeneratorView {
  const { card } = state;
  if (card) {
    return {
      stage: 'card',
      title: card.title,
      text: card.text,
      variant: card.variant,
      ...(card.image ? { imageUrl: assetUrl(config.slug, card.image) } : {}),
    };
  }
  const index = Math.min(state.answers.length, config.questions.length - 1);
  return {
    stage: 'question',
    index,
    total: config.questions.length,
    question: questionView(config, config.questions[index] as CardQuestion),
  };
}

/**
 * The card's headline, text and picture, so the shared image shows the card the player saw. After
 * «Создать ещё» the play stays completed while the new card is being made; its share then says only
 * the generic title.
 */
export function summary(config: CardGeneratorConfig, state: CardGeneratorState): PlaySummary {
  if (!state.card) return { title: cardStrings(config.locale).defaultTitle() };
  const { title, text, image } = state.card;
  return image ? { title, text, image } : { title, text };
}

export function funnelSteps(config: CardGeneratorConfig): FunnelStep<CardGeneratorState>[] {
  return config.questions.map((question, index) => ({
    id: question.id,
    label: question.title,
    passed: (state) => state.card !== undefined || state.answers.length > index,
  }));
}
