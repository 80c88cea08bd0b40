-- Chaincast's PostgreSQL store, schema version 1 (applied by Flyway; see PostgresScenarioStore).
-- The same tables as the H2 store's schema version 3 (H2Schema), plus sweeps.
-- Ids sort in byte order (COLLATE "C"), as H2 sorts them, so list pages come in the same order
-- whatever the database's locale.

-- Every version (etag) of scenarios and datasets comes from this one sequence: a sequence never
-- hands out a value twice, across crashes and across server processes sharing the database.
CREATE SEQUENCE store_version;

CREATE TABLE scenario (
  id          varchar(63) COLLATE "C" PRIMARY KEY,
  version     bigint      NOT NULL,
  content     bytea       NOT NULL,   -- the Scenario message without etag and times
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  owner_id    text        NOT NULL,   -- the client that wrote it last (quotas)
  size_bytes  integer     NOT NULL,   -- octet_length(content), so quotas and pages skip contents
  dataset_id  varchar(63) COLLATE "C" NOT NULL DEFAULT ''  -- the dataset it names, '' for none
);
CREATE INDEX scenario_owner ON scenario (owner_id);
CREATE INDEX scenario_dataset ON scenario (dataset_id);

CREATE TABLE dataset (
  id          varchar(63) COLLATE "C" PRIMARY KEY,
  version     bigint      NOT NULL,
  header      bytea       NOT NULL,   -- the Dataset without its points, for listings
  content     bytea       NOT NULL,   -- the Dataset with its points
  point_count integer     NOT NULL,
  create_time timestamptz NOT NULL,
  owner_id    text        NOT NULL,
  size_bytes  integer     NOT NULL
);
CREATE INDEX dataset_owner ON dataset (owner_id);

-- Sweeps (issue 14, part 3) and the results of their points, so that a sweep resumes after its
-- coordinator dies without recomputing finished points. request and result are protobuf bytes.
CREATE TABLE sweeps (
  id      text COLLATE "C" PRIMARY KEY,
  owner   text        NOT NULL,
  request bytea       NOT NULL,
  created timestamptz NOT NULL,
  state   text        NOT NULL,
  version bigint      NOT NULL
);
CREATE INDEX sweeps_owner ON sweeps (owner);

CREATE TABLE sweep_points (
  sweep_id    text COLLATE "C" NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  point_index integer NOT NULL,
  result      bytea   NOT NULL,
  PRIMARY KEY (sweep_id, point_index)
);
