-- Revert cm-roles:reader from pg
-- The role stays: other databases of the cluster may hold privileges granted to it.
REVOKE USAGE ON SCHEMA cm_base FROM cm_reader;
