import { AppLinkSchema } from '../contract/app-links.ts';
import type { Core } from '../core/create-core.ts';
import { isPaperFile, launchRequests, parseAppLink } from '../shared/app-links.ts';

/**
 * What the OS asks of the packaged app (index.ts passes argv, `open-file` and `open-url` here): a paper file
 * opened with the app is imported through the core's paper service, like `motiv import`; a motiv:// link goes
 * to the renderer as the validated `app.link` event. Anything else is ignored: no URL is ever loaded.
 */
export interface OpenRequests {
  argv(argv: readonly string[]): Promise<void>;
  file(path: string): Promise<void>;
  url(url: string): void;
}

export function createOpenRequests(core: Core): OpenRequests {
  const file = async (path: string): Promise<void> => {
    if (!isPaperFile(path)) return;
    try {
      const report = await core.services.papers.import({
        files: [path],
        proposed: false,
        maxBytes: core.settings.get().paperImport.maxFileMb * 1024 * 1024,
      });
      core.logger.info('opened paper file imported', { file: path, totals: report.totals });
    } catch (err) {
      core.logger.warn('opened paper file not imported', { file: path, error: String(err) });
    }
  };
  const url = (text: string): void => {
    const link = AppLinkSchema.safeParse(parseAppLink(text));
    if (link.success) core.events.emit('app.link', link.data);
    else core.logger.warn('refused an app link', { length: text.length });
  };
  return {
    file,
    url,
    argv: async (argv) => {
      const { links, files } = launchRequests(argv);
      for (const path of files) await file(path);
      for (const link of links) core.events.emit('app.link', link);
    },
  };
}
