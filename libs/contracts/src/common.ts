export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
