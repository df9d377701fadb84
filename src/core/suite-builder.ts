import { toBase64 } from './bytes.ts';
import { Prng } from './prng.ts';
import type { TestCase, TestSuite, TextOrBytes } from './test-case.ts';

/** What a recipe gives the program. Bytes become `{base64}` in the case, whatever they hold. */
export interface CaseInput {
  argv: string[];
  stdin?: TextOrBytes | Uint8Array;
  files?: Record<string, TextOrBytes | Uint8Array>;
  env?: Record<string, string>;
  clock?: string;
}

/** One recipe, called with a seeded generator: once for the visible case ('v'), once more for its dual ('h'). */
export type CaseRecipe<I extends CaseInput = CaseInput> = (p: Prng, which: 'v' | 'h') => I;

export interface SuiteBuilderOptions {
  /** The target's id: seeds are `<target>/<case id>/v` and `…/h`, so a case's values never depend on its neighbours. */
  target: string;
  /** Visible cases that get no hidden dual (their feature has a dual elsewhere, or values cannot change the output). */
  noDual?: (id: string) => boolean;
  /** Every n-th `pair()` keeps only its visible case (a family of recipes needs only some duals). */
  visibleOnlyEvery?: number;
  /** The number of a dual's first retry seed (`…/h<n>`); jq's suite began at 2, kept so its cases stay as locked. */
  firstRetry?: number;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
/** Further seeds a dual may take when its first draw repeats another case's inputs (a recipe with few choices). */
const DUAL_ATTEMPTS = 20;

/**
 * Assembles a target's suite (docs/pack-format.md): every case has a readable unique id and a feature label, every
 * hidden case is the dual of a visible one (same feature, other values), and no two cases give the program the same
 * inputs — a hidden case that repeats a visible one would be a free answer.
 */
export class SuiteBuilder {
  readonly visible: TestCase[] = [];
  readonly hidden: TestCase[] = [];
  private readonly ids = new Set<string>();
  private readonly features = new Map<string, string>();
  private readonly inputs = new Set<string>();
  private pairs = 0;

  constructor(private readonly options: SuiteBuilderOptions) {}

  suite(): TestSuite {
    return { visible: this.visible, hidden: this.hidden };
  }

  /** Whether some case already gives the program these inputs. */
  has(input: CaseInput): boolean {
    return this.inputs.has(inputKey(toCase('', '', input)));
  }

  /** A visible case. */
  vis(id: string, feature: string, input: CaseInput): string {
    this.visible.push(this.claim(toCase(id, feature, input)));
    this.features.set(id, feature);
    return id;
  }

  /** The hidden dual `<dualOf>-<suffix>` of a visible case, with its feature. */
  hid(dualOf: string, input: CaseInput, suffix = 'dual'): string {
    const feature = this.features.get(dualOf);
    if (feature === undefined) throw new Error(`dual of unknown visible case ${dualOf}`);
    const id = `${dualOf}-${suffix}`;
    this.hidden.push(this.claim(toCase(id, feature, input, dualOf)));
    return id;
  }

  /** A visible case and its dual, made by one recipe with two seeds (more when the dual's draw repeats a case). */
  pair(id: string, feature: string, make: CaseRecipe, withDual = true): void {
    const seed = `${this.options.target}/${id}`;
    this.vis(id, feature, make(new Prng(`${seed}/v`), 'v'));
    const every = this.options.visibleOnlyEvery;
    const thinned = every !== undefined && this.pairs++ % every === every - 1;
    if (!withDual || thinned || this.options.noDual?.(id)) return;
    const firstRetry = this.options.firstRetry ?? 1;
    for (let attempt = 0; attempt < DUAL_ATTEMPTS; attempt++) {
      const input = make(new Prng(`${seed}/h${attempt === 0 ? '' : firstRetry + attempt - 1}`), 'h');
      if (!this.has(input)) {
        this.hid(id, input);
        return;
      }
    }
    throw new Error(`no fresh inputs for the dual of ${id}`);
  }

  /** A visible case and, when given, an explicit dual. */
  two(id: string, feature: string, v: CaseInput, h?: CaseInput): void {
    this.vis(id, feature, v);
    if (h && !this.options.noDual?.(id)) this.hid(id, h);
  }

  /** A visible case only, from a recipe (seeded like a pair's visible case) or given inputs. */
  one(id: string, feature: string, make: CaseRecipe | CaseInput): void {
    this.vis(id, feature, typeof make === 'function' ? make(new Prng(`${this.options.target}/${id}/v`), 'v') : make);
  }

  private claim(c: TestCase): TestCase {
    if (!ID.test(c.id)) throw new Error(`bad case id ${c.id}`);
    if (this.ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    const key = inputKey(c);
    if (this.inputs.has(key)) throw new Error(`case ${c.id} repeats the inputs of another case`);
    this.ids.add(c.id);
    this.inputs.add(key);
    return c;
  }
}

function toCase(id: string, feature: string, input: CaseInput, dualOf?: string): TestCase {
  const c: TestCase = { id, argv: input.argv };
  if (input.stdin !== undefined) c.stdin = encode(input.stdin);
  if (input.files !== undefined)
    c.files = Object.fromEntries(Object.entries(input.files).map(([name, data]) => [name, encode(data)]));
  if (input.env !== undefined) c.env = input.env;
  if (input.clock !== undefined) c.clock = input.clock;
  if (dualOf !== undefined) c.dualOf = dualOf;
  c.feature = feature;
  return c;
}

function encode(data: TextOrBytes | Uint8Array): TextOrBytes {
  return data instanceof Uint8Array ? { base64: toBase64(data) } : data;
}

/** Everything the program is given, as one comparable string. */
function inputKey(c: TestCase): string {
  return JSON.stringify([c.argv, c.stdin ?? null, c.files ?? null, c.env ?? null, c.clock ?? null]);
}
