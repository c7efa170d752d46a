"""A company's directory: single sign-on (OpenID Connect), SCIM 2.0 provisioning, org chart import, audit log."""
