import { type FormEvent, useState } from 'react';
import type { StaffingUploadResult } from '@contracts';
import { api, ApiError } from '../../lib/api';

export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

export interface UploadFailure {
  message: string;
  total: number;
  problems: RowProblem[];
}

/** Sends a staffing CSV (multipart, field "file"): the api checks every line before storing any. */
async function uploadReports(file: File): Promise<StaffingUploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<StaffingUploadResult>('/staffing-reports/uploads', {
    method: 'POST',
    body: form,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}

function failureOf(error: unknown): UploadFailure {
  const details =
    error instanceof ApiError
      ? (error.details as { total?: number; problems?: RowProblem[] } | undefined)
      : undefined;
  return {
    message: error instanceof Error ? error.message : 'The file was refused.',
    total: details?.total ?? 0,
    problems: details?.problems ?? [],
  };
}

/** A staffing CSV chosen and uploaded: what was stored, or every problem by line. */
export function useCsvUpload(onSaved: () => void) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<StaffingUploadResult | null>(null);
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await uploadReports(file));
      onSaved();
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { file, setFile, result, failure, busy, upload };
}
