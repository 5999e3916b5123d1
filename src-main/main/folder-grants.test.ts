import { describe, expect, it } from 'vitest';
import { createFolderGrants } from './folder-grants';

describe('folder grants', () => {
  it('matches a granted folder however it is written, and nothing above or beside it', () => {
    const grants = createFolderGrants('linux');
    grants.grant('/media/owner/BACKUP');
    expect(grants.allows('backup.now', { to: '/media/owner/BACKUP/' })).toBe(true);
    expect(grants.allows('backup.now', { to: '/media/owner/BACKUP/../BACKUP' })).toBe(true);
    expect(grants.allows('backup.now', { to: '/media/owner/backup' })).toBe(false); // Linux names are case-sensitive
    expect(grants.allows('backup.now', { to: '/media/owner' })).toBe(false);
    expect(grants.allows('restore.run', { from: '/media/owner/BACKUP', to: '/tmp/elsewhere' })).toBe(false);
  });

  it('folds case where the file system does (Windows)', () => {
    const grants = createFolderGrants('win32');
    grants.grant('E:\\Backups');
    expect(grants.allows('accessPack.export', { outDir: 'e:\\backups' })).toBe(true);
  });

  it('learns the saved destinations from the core’s answer about the backup settings only', () => {
    const grants = createFolderGrants('linux');
    grants.learnFromAnswer('staff.list', { destination: '/srv/a' });
    expect(grants.allows('backup.now', { to: '/srv/a' })).toBe(false);
    grants.learnFromAnswer('backup.getSettings', { destination: '/srv/a', secondDestination: '/srv/b' });
    expect(grants.allows('backup.saveSettings', { destination: '/srv/a', secondDestination: '/srv/b' })).toBe(true);
  });
});
