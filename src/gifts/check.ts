import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import { displayPath } from '../config/problems.ts';
import { PROJECT_FILE } from '../config/project-loader.ts';
import { projectBaseShape } from '../config/schemas/project.ts';
import type { BookletGift, FileGift, GiftConfig, PromoCodeGift } from '../config/schemas/gift.ts';
import { bookletPageFiles } from './booklet.ts';
import { giftFileFor } from './file.ts';
import { resolveBookletImage } from './markdown.ts';
import { cliMessages } from '../i18n/cli-messages.ts';
import { parsePromoPool } from './promo.ts';
import type { GiftAssetProblem, GiftProject } from './types.ts';

/** Where a gift is configured: its field path in project.yaml. */
interface PlacedGift {
  gift: GiftConfig;
  fieldPath: string;
}

/**
 * Checks the files every gift of the project needs (the default gift and each rule's), for
 * `npm run validate`: the booklet folder and its images, the promo pool, the downloadable file.
 */
export function checkGiftAssets(project: GiftProject): GiftAssetProblem[] {
  const placed: PlacedGift[] = [
    { gift: project.config.gift, fieldPath: 'gift' },
    ...project.config.giftRules.map((rule, index) => ({ gift: rule.gift, fieldPath: `giftRules.${index}.gift` })),
    ...(project.config.variants ?? []).flatMap((variant, index) =>
      variant.gift ? [{ gift: variant.gift, fieldPath: `variants.${index}.gift` }] : [],
    ),
    ...mechanicGifts(project.config),
  ];
  const checked = new Set<string>();
  return placed.flatMap(({ gift, fieldPath }) => {
    const assetKey = `${gift.kind}:${JSON.stringify(gift)}`;
    if (checked.has(assetKey)) return [];
    checked.add(assetKey);
    const reporter = new ProblemReporter(project, fieldPath);
    switch (gift.kind) {
      case 'booklet':
        checkBooklet(project, gift, reporter);
        break;
      case 'promo-code':
        checkPromoPool(project, gift, reporter);
        break;
      case 'file':
        checkFile(project, gift, reporter);
        break;
      case 'link':
        break;
    }
    return reporter.problems;
  });
}

const GIFT_KINDS = new Set<string>(['booklet', 'promo-code', 'file', 'link']);

/**
 * Gifts inside a mechanic's own fields (a wheel's prizes, a survey's remedies): every `gift` key
 * under a field that is not a shared project field, so a mechanic's pool files are checked like the rest.
 */
function mechanicGifts(config: object): PlacedGift[] {
  const found: PlacedGift[] = [];
  const visit = (value: unknown, fieldPath: string[]): void => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...fieldPath, String(index)]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...fieldPath, key];
        if (key === 'gift' && isGift(child)) found.push({ gift: child, fieldPath: childPath.join('.') });
        else visit(child, childPath);
      }
    }
  };
  for (const [key, value] of Object.entries(config)) if (!(key in projectBaseShape)) visit(value, [key]);
  return found;
}

function isGift(value: unknown): value is GiftConfig {
  return typeof value === 'object' && value !== null && GIFT_KINDS.has(String((value as { kind?: unknown }).kind));
}

class ProblemReporter {
  readonly problems: GiftAssetProblem[] = [];
  readonly #project: GiftProject;
  readonly #fieldPath: string;

  constructor(project: GiftProject, fieldPath: string) {
    this.#project = project;
    this.#fieldPath = fieldPath;
  }

  /** A problem with a field of project.yaml. */
  field(field: string, message: string): void {
    this.problems.push({ file: this.#displayPath(PROJECT_FILE), path: `${this.#fieldPath}.${field}`, message });
  }

  /** A problem inside an asset file, e.g. a pool line. */
  asset(projectPath: string, message: string, line?: number): void {
    this.problems.push({ file: this.#displayPath(projectPath), path: '', line, message });
  }

  #displayPath(projectPath: string): string {
    return displayPath(path.join(this.#project.dir, projectPath));
  }
}

function checkBooklet(project: GiftProject, gift: BookletGift, report: ProblemReporter): void {
  let files: string[];
  try {
    files = bookletPageFiles(readdirSync(path.join(project.dir, gift.pages), { withFileTypes: true }));
  } catch {
    report.field('pages', cliMessages().validator.gifts.noPagesFolder(gift.pages));
    return;
  }
  if (files.length === 0) {
    report.field('pages', cliMessages().validator.gifts.noPages(gift.pages));
    return;
  }
  for (const name of files) {
    const pagePath = path.posix.join(gift.pages, name);
    const markdown = readFileSync(path.join(project.dir, pagePath), 'utf8');
    for (const href of imageRefsOf(markdown)) {
      const imagePath = resolveBookletImage(gift.pages, href);
      if (imagePath === undefined) {
        report.asset(pagePath, cliMessages().validator.gifts.imageOutside(href));
      } else if (!isFile(path.join(project.dir, imagePath))) {
        report.asset(pagePath, cliMessages().validator.gifts.imageMissing(href, imagePath));
      }
    }
  }
}

function imageRefsOf(markdown: string): string[] {
  const hrefs: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'image') hrefs.push((token as Tokens.Image).href);
  });
  return hrefs;
}

function checkPromoPool(project: GiftProject, gift: PromoCodeGift, report: ProblemReporter): void {
  let text: string;
  try {
    text = readFileSync(path.join(project.dir, gift.pool), 'utf8');
  } catch {
    report.field('pool', cliMessages().validator.gifts.noPool(gift.pool));
    return;
  }
  for (const problem of parsePromoPool(text).problems) report.asset(gift.pool, problem.message, problem.line);
}

function checkFile(project: GiftProject, gift: FileGift, report: ProblemReporter): void {
  if (!giftFileFor(project, gift)) {
    report.field('path', cliMessages().validator.gifts.noFile(gift.path));
  }
}

function isFile(absolutePath: string): boolean {
  try {
    return statSync(absolutePath).isFile();
  } catch {
    return false;
  }
}
