import type { ConfigProblem } from '../types.ts';
import { slotsIn, slotsOf } from './compose.ts';
import type { CardGeneratorOwnConfig, ChoiceQuestion } from './schema.ts';

/**
 * Checks zod cannot express: every slot a template uses exists, every option of a question fills
 * the same slots, every template shows every answer, and typed answers stand only where they
 * never need declension.
 */
export function checkCardConfig(config: CardGeneratorOwnConfig): ConfigProblem[] {
  return [
    ...duplicateIds(config),
    ...config.questions.flatMap((question, index) => (question.type === 'choice' ? checkChoiceQuestion(question, index) : [])),
    ...duplicateSlots(config),
    ...config.templates.flatMap((template, index) => checkTemplate(config, template, ['templates', index])),
    ...(config.cardTitle === undefined ? [] : checkSlotsKnown(config, config.cardTitle, ['cardTitle'])),
  ];
}

function duplicateIds(config: CardGeneratorOwnConfig): ConfigProblem[] {
  const seen = new Set<string>();
  return config.questions.flatMap((question, index) => {
    if (!seen.has(question.id)) {
      seen.add(question.id);
      return [];
    }
    return [{ path: ['questions', index, 'id'], message: `question id «${question.id}» is used twice; ids must be unique` }];
  });
}

function checkChoiceQuestion(question: ChoiceQuestion, index: number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const slots = slotsOf(question);
  const seen = new Set<string>();
  question.options.forEach((option, optionIndex) => {
    const path = ['questions', index, 'options', optionIndex];
    if (seen.has(option.id)) problems.push({ path: [...path, 'id'], message: `option id «${option.id}» is used twice in this question` });
    seen.add(option.id);
    const missing = slots.filter((slot) => option.fragments[slot] === undefined);
    if (missing.length > 0) {
      problems.push({
        path: [...path, 'fragments'],
        message: `missing ${missing.join(', ')}: every option of a question fills the same slots (${slots.join(', ')})`,
      });
    }
  });
  if (slots.length === 0) {
    problems.push({ path: ['questions', index, 'options'], message: 'the options fill no slots; give each option fragments' });
  }
  if (question.multiple && question.maxChoices > question.options.length) {
    problems.push({
      path: ['questions', index, 'maxChoices'],
      message: `maxChoices is ${question.maxChoices} but the question has only ${question.options.length} options`,
    });
  }
  return problems;
}

function duplicateSlots(config: CardGeneratorOwnConfig): ConfigProblem[] {
  const owner = new Map<string, number>();
  return config.questions.flatMap((question, index) =>
    slotsOf(question).flatMap((slot) => {
      const first = owner.get(slot);
      if (first === undefined) {
        owner.set(slot, index);
        return [];
      }
      return [
        { path: ['questions', index], message: `slot {${slot}} is already filled by question ${first + 1}; slot names must be unique` },
      ];
    }),
  );
}

function checkSlotsKnown(config: CardGeneratorOwnConfig, template: string, path: (string | number)[]): ConfigProblem[] {
  const known = new Set(config.questions.flatMap(slotsOf));
  const unknown = slotsIn(template).filter((slot) => !known.has(slot));
  const stray = template.replace(/\{[a-z][a-zA-Z0-9]*\}/g, '').match(/[{}]/);
  const problems: ConfigProblem[] = [];
  if (unknown.length > 0) {
    problems.push({
      path,
      message: `unknown slot ${unknown.map((slot) => `{${slot}}`).join(', ')}; known slots: ${[...known].join(', ')}`,
    });
  }
  if (stray) problems.push({ path, message: 'a brace is not part of a {slot}; slots look like {name}' });
  return problems;
}

/**
 * A typed answer (a name) is never declined, so it may only be an address: followed by «,», «!»,
 * «?», «.» or the end of a line (“{name}, с праздником!”, “Дорогая {name}!”).
 */
const ADDRESS_FOLLOWER = /^(?:[,!?.…]|\s*$|\s*\n)/;

function checkTemplate(config: CardGeneratorOwnConfig, template: string, path: (string | number)[]): ConfigProblem[] {
  const problems = checkSlotsKnown(config, template, path);
  const used = new Set(slotsIn(template));
  config.questions.forEach((question, index) => {
    if (!slotsOf(question).some((slot) => used.has(slot))) {
      problems.push({
        path,
        message: `the template does not use question ${index + 1} («${question.title}»); use one of ${slotsOf(question)
          .map((slot) => `{${slot}}`)
          .join(', ')} so every answer shows on the card`,
      });
    }
    if (question.type !== 'text') return;
    for (const match of template.matchAll(new RegExp(`\\{${question.id}\\}`, 'g'))) {
      if (!ADDRESS_FOLLOWER.test(template.slice(match.index + match[0].length))) {
        problems.push({
          path,
          message: `{${question.id}} must be followed by «,» or «!»: a typed answer cannot be declined, so use it only as an address, like “{${question.id}}, с праздником!”`,
        });
      }
    }
  });
  return problems;
}
