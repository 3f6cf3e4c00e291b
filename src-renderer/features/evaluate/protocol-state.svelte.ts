import type { EventPayload, ResponseOf } from '../../../src-main/contract/index.ts';
import { followEvents, invoke } from '../../lib/api/client.ts';
import { saveTextFile } from '../../lib/save-file.ts';
import { messageOf } from './leaderboard-state.svelte.ts';
import {
  fileSizeProblem,
  planOf,
  topicsFromCsv,
  topicsFromText,
  type PresetName,
  type ProtocolPlan,
} from './protocol-form.ts';
import { isActive, type ProtocolRun } from './protocol-table.ts';

/**
 * The Protocol tab: the plan form with its cost estimate (`protocol.estimate`, asked a little after the form
 * settles), the runs (`protocol.list`), the open run (`protocol.get`) kept live by `protocol.event` and caught
 * up by `protocol.since` after a dropped stream, start / cancel / resume, CSV/JSON export, the paper's figures.
 */

type Estimate = ResponseOf<'protocol.estimate'>;
type RunSummary = ResponseOf<'protocol.list'>['runs'][number];
type Reference = ResponseOf<'protocol.reference'>;
type ProtocolEvent = EventPayload<'protocol.event'>;

const ESTIMATE_DELAY_MS = 300;

export class ProtocolState {
  form = $state({
    name: '',
    topicsText: '',
    presets: ['full', 'no-graph', 'no-mentor'] as PresetName[],
    ideasPerTopic: 3,
    seedsText: '1',
    rounds: 5,
    otherModel: '',
  });
  /** Topics read from a CSV file replace the typed ones until cleared. */
  file = $state.raw<{ name: string; topics: string[] } | null>(null);
  fileError = $state<string | null>(null);
  estimate = $state.raw<Estimate | null>(null);
  estimateError = $state<string | null>(null);
  runs = $state.raw<RunSummary[]>([]);
  run = $state.raw<ProtocolRun | null>(null);
  reference = $state.raw<Reference | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  #estimateTimer: ReturnType<typeof setTimeout> | null = null;
  #estimateRequest = 0;

  topics = $derived.by(() =>
    this.file ? { ok: true as const, value: this.file.topics } : topicsFromText(this.form.topicsText),
  );
  plan = $derived.by(() =>
    planOf({
      topics: this.topics.ok ? this.topics.value : [],
      presets: this.form.presets,
      ideasPerTopic: this.form.ideasPerTopic,
      seedsText: this.form.seedsText,
      rounds: this.form.rounds,
      otherModel: this.form.otherModel,
    }),
  );
  /** The first thing wrong with the form (topics first), or null when it can start. */
  problem = $derived(this.topics.ok ? (this.plan.ok ? null : this.plan.error) : this.topics.error);

  async load(): Promise<void> {
    try {
      const [{ runs }, reference] = await Promise.all([
        invoke('protocol.list', {}),
        invoke('protocol.reference', {}),
      ]);
      this.runs = runs;
      this.reference = reference;
      const open = this.run?.id ?? runs[0]?.id;
      if (open) await this.open(open);
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  async loadFile(file: File): Promise<void> {
    // The size is checked before the text is read: a huge file is refused without loading it.
    const tooLarge = fileSizeProblem(file.name, file.size);
    const parsed = tooLarge
      ? { ok: false as const, error: tooLarge }
      : topicsFromCsv(file.name, await file.text());
    if (parsed.ok) {
      this.file = { name: file.name, topics: parsed.value };
      this.fileError = null;
    } else {
      this.file = null;
      this.fileError = parsed.error;
    }
  }

  clearFile(): void {
    this.file = null;
    this.fileError = null;
  }

  /** Asks for the cost estimate once the form has settled; a newer request wins. */
  scheduleEstimate(plan: ProtocolPlan | null): void {
    if (this.#estimateTimer) clearTimeout(this.#estimateTimer);
    const request = ++this.#estimateRequest;
    if (!plan) {
      this.estimate = null;
      return;
    }
    this.#estimateTimer = setTimeout(() => {
      invoke('protocol.estimate', plan).then(
        (estimate) => {
          if (request !== this.#estimateRequest) return;
          this.estimate = estimate;
          this.estimateError = null;
        },
        (err: unknown) => {
          if (request !== this.#estimateRequest) return;
          this.estimate = null;
          this.estimateError = messageOf(err);
        },
      );
    }, ESTIMATE_DELAY_MS);
  }

  async start(): Promise<void> {
    if (!this.plan.ok || this.busy) return;
    const plan = this.plan.value;
    await this.#perform(async () => {
      const name = this.form.name.trim();
      const { runId } = await invoke('protocol.start', { ...plan, ...(name ? { name } : {}) });
      return runId;
    });
  }

  async open(runId: string): Promise<void> {
    try {
      this.run = await invoke('protocol.get', { runId });
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  async refreshList(): Promise<void> {
    try {
      this.runs = (await invoke('protocol.list', {})).runs;
    } catch {
      // The list is shown as it was; the next event or action reads it again.
    }
  }

  async cancel(): Promise<void> {
    await this.#act(async (runId) => {
      await invoke('protocol.cancel', { runId });
    });
  }

  async resume(): Promise<void> {
    await this.#act(async (runId) => {
      await invoke('protocol.resume', { runId });
    });
  }

  async #act(action: (runId: string) => Promise<void>): Promise<void> {
    const runId = this.run?.id;
    if (!runId || this.busy) return;
    await this.#perform(async () => {
      await action(runId);
      return runId;
    });
  }

  /** Runs an action on a run (busy meanwhile), then shows that run and reads the list again. */
  async #perform(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    try {
      const runId = await action();
      this.error = null;
      await this.open(runId);
      await this.refreshList();
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.busy = false;
    }
  }

  async export(format: 'csv' | 'json'): Promise<void> {
    const runId = this.run?.id;
    if (!runId) return;
    try {
      const file = await invoke('protocol.export', { runId, format });
      saveTextFile(file.filename, file.content, file.mime);
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /** Follows every run's progress; returns the unsubscribe. */
  follow(): () => void {
    const unfollow = followEvents(
      'protocol.event',
      (event) => this.#apply(event),
      () => void this.#catchUp(),
    );
    return () => {
      unfollow();
      if (this.#estimateTimer) clearTimeout(this.#estimateTimer);
    };
  }

  #apply(event: ProtocolEvent): void {
    this.runs = this.runs.map((r) =>
      r.id === event.runId
        ? { ...r, state: event.state, progress: event.progress, costUsd: event.costUsd }
        : r,
    );
    if (!this.runs.some((r) => r.id === event.runId)) void this.refreshList();
    const run = this.run;
    if (!run || run.id !== event.runId || event.seq <= run.seq) return;
    this.run = {
      ...run,
      seq: event.seq,
      state: event.state,
      progress: event.progress,
      costUsd: event.costUsd,
    };
    // The table grows as stages finish, and a run that stopped has its final table and error: read it whole.
    if (!isActive(event.state) || event.progress.done === event.progress.total) void this.open(run.id);
  }

  async #catchUp(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      const { events } = await invoke('protocol.since', { runId: run.id, seq: run.seq });
      for (const event of events) this.#apply(event);
      await this.open(run.id);
    } catch {
      // The next event or a reload shows the run.
    }
  }
}
