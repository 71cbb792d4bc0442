import { useEffect, useState } from 'react';
import type { PlanningQueueView, WhatIfView } from '@contracts';
import { api } from '../../lib/api';

/** The figures of a what-if and the api's answer, asked again 150 ms after they stop changing. */
export function useWhatIf(queue: PlanningQueueView, calls: number[]) {
  const [aht, setAht] = useState(queue.ahtSeconds);
  const [level, setLevel] = useState(queue.target.level ?? 0.8);
  const [seconds, setSeconds] = useState(queue.target.seconds ?? 20);
  const [shrinkage, setShrinkage] = useState(0.3);
  const [patience, setPatience] = useState<number | ''>(queue.patienceSeconds ?? '');
  const [answer, setAnswer] = useState<WhatIfView | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<WhatIfView>('/planning/what-if', {
        method: 'POST',
        signal: controller.signal,
        json: {
          calls,
          ahtSeconds: aht,
          target: { kind: 'service_level', seconds, level },
          maxOccupancy: queue.maxOccupancy,
          shrinkage,
          ...(patience === '' ? {} : { patienceSeconds: patience }),
        },
      }).then(
        (value) => {
          setAnswer(value);
          setError(null);
        },
        (failure: unknown) => {
          if (!controller.signal.aborted)
            setError(failure instanceof Error ? failure : new Error(String(failure)));
        },
      );
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [calls, aht, level, seconds, shrinkage, patience, queue.maxOccupancy]);

  return {
    figures: {
      aht,
      setAht,
      level,
      setLevel,
      seconds,
      setSeconds,
      shrinkage,
      setShrinkage,
      patience,
      setPatience,
    },
    answer,
    error,
  };
}
