/**
 * Refusals are a normal part of the ticket workflow (a stale version, an illegal move), so the workflow
 * returns them as values; the HTTP layer maps each code to its status (404, 409, 403, 400).
 */
export type TicketRefusal = {
  ok: false;
  code: 'not_found' | 'conflict' | 'forbidden' | 'invalid_input';
  message: string;
};

export type TicketOutcome<T> = { ok: true; value: T } | TicketRefusal;

export function refuse(code: TicketRefusal['code'], message: string): TicketRefusal {
  return { ok: false, code, message };
}
