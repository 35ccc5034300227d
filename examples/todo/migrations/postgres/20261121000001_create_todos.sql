-- The todo list; see ../sqlite for the SQLite twin (only the id type differs).
CREATE TABLE todos (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0
);
