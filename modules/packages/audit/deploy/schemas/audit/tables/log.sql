-- Deploy app-audit:schemas/audit/tables/log to pg
-- requires: schemas/audit/schema

BEGIN;

CREATE TABLE audit.log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  operation  text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  row_id     uuid,
  actor_id   uuid,
  old_data   jsonb,
  new_data   jsonb,
  logged_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX log_actor_id_idx ON audit.log (actor_id);
CREATE INDEX log_table_row_idx ON audit.log (table_name, row_id);
CREATE INDEX log_logged_at_idx ON audit.log USING brin (logged_at);

COMMIT;
