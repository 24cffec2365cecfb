import { ArchiveService } from './archive-service';
import type { EngineRegistry } from './engine-registry';
import { ExecService } from './exec-service';
import { InspectService } from './inspect-service';
import { LogService } from './log-service';
import type { ChooseOpenPath, ChooseSavePath, Publish } from './publish';
import { StatsStreams } from './stats-stream';

/** Everything behind one container's details view. */
export interface ContainerDetailsServices {
  logs: LogService;
  execs: ExecService;
  stats: StatsStreams;
  archives: ArchiveService;
  inspector: InspectService;
  /** Ends every log/stats stream and terminal session (the page that opened them reloaded or closed). */
  closeAll(): void;
}

export interface ContainerDetailsOptions {
  publish: Publish;
  chooseSavePath: ChooseSavePath;
  chooseOpenPath: ChooseOpenPath;
}

/** Builds the details services over one registry (called once, by the composition root). */
export function createContainerDetailsServices(
  engines: EngineRegistry,
  { publish, chooseSavePath, chooseOpenPath }: ContainerDetailsOptions,
): ContainerDetailsServices {
  const logs = new LogService(engines, { publish, chooseSavePath });
  const execs = new ExecService(engines, { publish });
  const stats = new StatsStreams(engines, { publish });
  return {
    logs,
    execs,
    stats,
    archives: new ArchiveService(engines, { chooseSavePath, chooseOpenPath }),
    inspector: new InspectService(engines),
    closeAll() {
      logs.closeAll();
      execs.closeAll();
      stats.closeAll();
    },
  };
}
