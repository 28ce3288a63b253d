/**
 * The names of staff the console has seen: agents on the desk (from each queue snapshot), every account
 * when the user may list them (admins), and whoever signed a ticket's history. Ids are what the desk
 * records; people read names.
 */
export class StaffNames {
  private readonly names = new Map<string, string>();
  private changes = 0;

  /** Bumped whenever a name is learnt or changes: views built with the old names are stale. */
  get version(): number {
    return this.changes;
  }

  learn(id: string, name: string | undefined): void {
    if (name === undefined || name.trim() === '' || this.names.get(id) === name) return;
    this.names.set(id, name);
    this.changes += 1;
  }

  learnAll(people: Iterable<{ id: string; name: string }>): void {
    for (const person of people) this.learn(person.id, person.name);
  }

  name(id: string): string | undefined {
    return this.names.get(id);
  }

  /** The name, else the id as recorded (an account this console cannot see). */
  label(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** Everyone known, by name: the choices for a ticket's assignee. */
  everyone(): { id: string; name: string }[] {
    return [...this.names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }
}
