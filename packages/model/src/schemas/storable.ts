// Postgres text cannot hold U+0000: a string with one would fail at the database, as a server error, after it was
// accepted. Schemas of what is stored refuse it up front, naming the field.

export const hasNoNul = (s: string) => !s.includes("\u0000");

export const nulMessage = (field: string) => `${field} contains a NUL character (U+0000), which cannot be stored`;
