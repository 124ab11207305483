/** What every IMS resource does across deleted/ (the routes for it are shared: soft-delete-routes.ts). */
export interface SoftDeletable<R> {
  list(deleted: boolean): Promise<R[]>;
  get(id: string, deleted?: boolean): Promise<R>;
  softDelete(id: string): Promise<void>;
  undelete(id: string): Promise<R>;
  purge(id: string): Promise<void>;
}
