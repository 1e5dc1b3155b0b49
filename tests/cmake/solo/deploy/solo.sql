-- Deploy cm-solo:solo to pg
CREATE SCHEMA cm_solo;
