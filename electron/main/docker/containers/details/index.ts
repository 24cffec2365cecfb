import type { EngineId } from '../../../../common';
import type { EngineRegistry } from '../../engine/engine-registry';
import type { FileDialogs, Publish } from '../../ports';
import { ExecService } from './exec-service';
import { ArchiveService } from './files-service';
import { InspectService } from './inspect-service';
import { LogService } from './logs/log-service';
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
  /** Ends those of one engine; done by itself when the engine is removed. */
  closeEngine(engineId: EngineId): void;
}

/** The event port and the app's file-dialog port. */
interface ContainerDetailsOptions extends FileDialogs {
  publish: Publish;
}

/** Builds the details services over one registry (called once, by the composition root). */
export function createContainerDetailsServices(
  engines: EngineRegistry,
  { publish, chooseSavePath, chooseOpenPath }: ContainerDetailsOptions,
): ContainerDetailsServices {
  const logs = new LogService(engines, { publish, chooseSavePath });
  const execs = new ExecService(engines, { publish });
  const stats = new StatsStreams(engines, { publish });
  const closeEngine = (engineId: EngineId): void => {
    logs.closeEngine(engineId);
    execs.closeEngine(engineId);
    stats.closeEngine(engineId);
  };
  // A removed host's streams would otherwise stay open (a socket's connection is not closed by the removal).
  engines.onRemoved(closeEngine);
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
    closeEngine,
  };
}
