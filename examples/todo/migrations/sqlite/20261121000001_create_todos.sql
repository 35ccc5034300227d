-- The todo list. `done` is 0 or 1 (an integer, so the same queries work on
-- SQLite and PostgreSQL through sqlx's Any driver).
CREATE TABLE todos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0
);
