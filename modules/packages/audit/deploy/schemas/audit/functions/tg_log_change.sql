-- Deploy app-audit:schemas/audit/functions/tg_log_change to pg
-- requires: schemas/audit/tables/log

BEGIN;

-- SECURITY DEFINER: the writer of the audited row need not be able to write audit.log.
CREATE FUNCTION audit.tg_log_change()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_row := to_jsonb(OLD);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_row := to_jsonb(NEW);
  END IF;

  INSERT INTO audit.log (table_name, operation, row_id, actor_id, old_data, new_data)
  VALUES (
    format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME),
    TG_OP,
    (coalesce(new_row, old_row) ->> 'id')::uuid,
    app.current_user_id(),
    old_row,
    new_row
  );

  RETURN NULL;
END;
$$;

REVOKE EXECUTE ON FUNCTION audit.tg_log_change() FROM PUBLIC;

COMMIT;
