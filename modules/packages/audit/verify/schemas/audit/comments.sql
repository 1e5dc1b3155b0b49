-- Verify app-audit:schemas/audit/comments on pg

-- Comments are documentation only: nothing here can break the application,
-- so this change has nothing to verify.
