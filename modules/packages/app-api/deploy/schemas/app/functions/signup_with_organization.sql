-- Deploy app-api:schemas/app/functions/signup_with_organization to pg
-- requires: schemas/app/functions/create_organization
-- requires: app-auth:schemas/app/functions/register
-- requires: app-auth:schemas/app/functions/authenticate

BEGIN;

-- Signs the new user in for the rest of the transaction (jwt.claims.user_id).
CREATE FUNCTION app.signup_with_organization(
  email text,
  password text,
  organization_slug text,
  organization_name text
)
RETURNS app.jwt_token
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  new_user app.users;
BEGIN
  new_user := app.register(signup_with_organization.email, signup_with_organization.password);

  PERFORM set_config('jwt.claims.user_id', new_user.id::text, true);
  PERFORM app.create_organization(organization_slug, organization_name);

  RETURN app.authenticate(signup_with_organization.email, signup_with_organization.password);
END;
$$;

REVOKE EXECUTE ON FUNCTION app.signup_with_organization(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.signup_with_organization(text, text, text, text) TO anonymous;

COMMIT;
