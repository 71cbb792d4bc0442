import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CampaignView, ImportView } from '@contracts';
import { useLiveEvent } from '../../live/live';
import { ApiError } from '../../lib/api';
import { campaignsApi } from '../../lib/campaigns-api';
import { download, toCsv } from '../../lib/csv';

/** A contacts CSV sent, and its import job followed (socket, and polling in case) until done. */
export function useContactImport(campaign: CampaignView, onDone: () => void) {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const finished = !!job && (job.status === 'completed' || job.status === 'failed');

  useLiveEvent('import.progress', (event) => {
    if (job && event.importId === job.id)
      setJob((current) => (current ? { ...current, ...event, id: current.id } : current));
  });
  // the socket may miss an update (or the job may run in another process): poll until it is done
  const jobId = job?.id;
  const notify = useRef(onDone);
  notify.current = onDone;
  useEffect(() => {
    if (!jobId || finished) return;
    const timer = window.setInterval(
      () => campaignsApi.importStatus(jobId).then(setJob, () => undefined),
      1_000,
    );
    return () => window.clearInterval(timer);
  }, [jobId, finished]);
  useEffect(() => {
    if (!jobId || !finished) return;
    // the final figures with the rejection report, then the campaign's new counts
    campaignsApi.importStatus(jobId).then(setJob, () => undefined);
    notify.current();
  }, [jobId, finished]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      setJob(await campaignsApi.importContacts(campaign.id, file));
    } catch (failure) {
      setError(
        failure instanceof ApiError || failure instanceof Error ? failure.message : 'The file was refused.',
      );
    } finally {
      setBusy(false);
    }
  };
  const exportRejections = () =>
    job &&
    download(
      `rejections-${job.id}.csv`,
      toCsv(
        ['line', 'reason'],
        job.rejections.map((r) => [r.line, r.reason]),
      ),
    );

  return {
    setFile,
    job,
    error,
    busy,
    canSubmit: !!file && !busy && (job === null || finished),
    submit,
    exportRejections,
  };
}
