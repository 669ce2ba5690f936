import { currentMessageLocale } from '../../i18n/cli-messages.ts';
import type { ConfigProblem } from '../types.ts';
import { slotsIn, slotsOf } from './compose.ts';
import type { CardGeneratorOwnConfig, ChoiceQuestion } from './schema.ts';
import { cardProblems } from './problems.ts';

type Words = ReturnType<typeof cardProblems>;

/**
 * Checks zod cannot express: every slot a template uses exists, every option of a question fills
 * the same slots, every template shows every answer, and typed answers stand only where they
 * never need declension.
 */
export function checkCardConfig(config: CardGeneratorOwnConfig): ConfigProblem[] {
  const words = cardProblems(currentMessageLocale());
  return [
    ...duplicateIds(config, words),
    ...config.questions.flatMap((question, index) => (question.type === 'choice' ? checkChoiceQuestion(question, index, words) : [])),
    ...duplicateSlots(config, words),
    ...config.templates.flatMap((template, index) => checkTemplate(config, template, ['templates', index], words)),
    ...(config.cardTitle === undefined ? [] : checkSlotsKnown(config, config.cardTitle, ['cardTitle'], words)),
  ];
}

function duplicateIds(config: CardGeneratorOwnConfig, words: Words): ConfigProblem[] {
  const seen = new Set<string>();
  return config.questions.flatMap((question, index) => {
    if (!seen.has(question.id)) {
      seen.add(question.id);
      return [];
    }
    return [{ path: ['questions', index, 'id'], message: words.repeatedQuestionId(question.id) }];
  });
}

function checkChoiceQuestion(question: ChoiceQuestion, index: number, words: Words): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const slots = slotsOf(question);
  const seen = new Set<string>();
  question.options.forEach((option, optionIndex) => {
    const path = ['questions', index, 'options', optionIndex];
    if (seen.has(option.id)) problems.push({ path: [...path, 'id'], message: words.repeatedOptionId(option.id) });
    seen.add(option.id);
    const missing = slots.filter((slot) => option.fragments[slot] === undefined);
    if (missing.length > 0) {
      problems.push({
        path: [...path, 'fragments'],
        message: words.missingFragments(missing, slots),
      });
    }
  });
  if (slots.length === 0) {
    problems.push({ path: ['questions', index, 'options'], message: words.noSlots });
  }
  if (question.multiple && question.maxChoices > question.options.length) {
    problems.push({
      path: ['questions', index, 'maxChoices'],
      message: words.maxChoicesAboveOptions(question.maxChoices, question.options.length),
    });
  }
  return problems;
}

function duplicateSlots(config: CardGeneratorOwnConfig, words: Words): ConfigProblem[] {
  const owner = new Map<string, number>();
  return config.questions.flatMap((question, index) =>
    slotsOf(question).flatMap((slot) => {
      const first = owner.get(slot);
      if (first === undefined) {
        owner.set(slot, index);
        return [];
      }
      return [{ path: ['questions', index], message: words.repeatedSlot(slot, first + 1) }];
    }),
  );
}

function checkSlotsKnown(config: CardGeneratorOwnConfig, template: string, path: (string | number)[], words: Words): ConfigProblem[] {
  const known = new Set(config.questions.flatMap(slotsOf));
  const unknown = slotsIn(template).filter((slot) => !known.has(slot));
  const stray = template.replace(/\{[a-z][a-zA-Z0-9]*\}/g, '').match(/[{}]/);
  const problems: ConfigProblem[] = [];
  if (unknown.length > 0) {
    problems.push({ path, message: words.unknownSlots(unknown, [...known]) });
  }
  if (stray) problems.push({ path, message: words.strayBrace });
  return problems;
}

/**
 * A typed answer (a name) is never declined, so it may only be an address: followed by «,», «!»,
 * «?», «.» or the end of a line (“{name}, с праздником!”, “Дорогая {name}!”).
 */
const ADDRESS_FOLLOWER = /^(?:[,!?.…]|\s*$|\s*\n)/;

function checkTemplate(config: CardGeneratorOwnConfig, template: string, path: (string | number)[], words: Words): ConfigProblem[] {
  const problems = checkSlotsKnown(config, template, path, words);
  const used = new Set(slotsIn(template));
  config.questions.forEach((question, index) => {
    if (!slotsOf(question).some((slot) => used.has(slot))) {
      problems.push({
        path,
        message: words.unusedQuestion(index + 1, question.title, slotsOf(question)),
      });
    }
    if (question.type !== 'text') return;
    for (const match of template.matchAll(new RegExp(`\\{${question.id}\\}`, 'g'))) {
      if (!ADDRESS_FOLLOWER.test(template.slice(match.index + match[0].length))) {
        problems.push({
          path,
          message: words.typedAnswerNotAddress(question.id),
        });
      }
    }
  });
  return problems;
}
