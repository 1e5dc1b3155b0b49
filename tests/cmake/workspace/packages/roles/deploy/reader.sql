-- Deploy cm-roles:reader to pg
-- Roles belong to the cluster, not the database: create it only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cm_reader') THEN
        CREATE ROLE cm_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA cm_base TO cm_reader;
