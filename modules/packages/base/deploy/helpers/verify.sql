-- Deploy app-base:helpers/verify to pg
-- requires: schemas/app_private/schema

BEGIN;

CREATE FUNCTION app_private.assert_schema(schema_name text)
RETURNS void
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = schema_name) THEN
    RAISE EXCEPTION 'schema % does not exist', schema_name USING ERRCODE = 'undefined_object';
  END IF;
END;
$$;

CREATE FUNCTION app_private.assert_table(qualified_name text)
RETURNS void
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1
      FROM pg_catalog.pg_class
     WHERE oid = pg_catalog.to_regclass(qualified_name)
       AND relkind IN ('r', 'p')
  ) THEN
    RAISE EXCEPTION 'table % does not exist', qualified_name USING ERRCODE = 'undefined_table';
  END IF;
END;
$$;

CREATE FUNCTION app_private.assert_function(signature text)
RETURNS void
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
  IF pg_catalog.to_regprocedure(signature) IS NULL THEN
    RAISE EXCEPTION 'function % does not exist', signature USING ERRCODE = 'undefined_function';
  END IF;
END;
$$;

COMMIT;
