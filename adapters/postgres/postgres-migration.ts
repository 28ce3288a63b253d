/** One step of the PostgreSQL schema: applied once, in version order, inside one transaction. */
export interface PostgresMigration {
  version: number;
  name: string;
  /** Statements run in order; each is one SQL command. */
  statements: readonly string[];
}
