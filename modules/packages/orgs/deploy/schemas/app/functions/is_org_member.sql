-- Deploy app-orgs:schemas/app/functions/is_org_member to pg
-- requires: schemas/app/tables/memberships
-- requires: app-base:schemas/app/functions/current_user_id

BEGIN;

-- SECURITY DEFINER so that policies on app.memberships can call it without recursing.
CREATE FUNCTION app.is_org_member(
  organization_id uuid,
  minimum_role app.membership_role DEFAULT 'member'
)
RETURNS boolean
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT EXISTS (
    SELECT 1
      FROM app.memberships AS m
     WHERE m.organization_id = is_org_member.organization_id
       AND m.user_id = app.current_user_id()
       AND m.role <= is_org_member.minimum_role
  );
$$;

REVOKE EXECUTE ON FUNCTION app.is_org_member(uuid, app.membership_role) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.is_org_member(uuid, app.membership_role) TO authenticated;

COMMIT;
