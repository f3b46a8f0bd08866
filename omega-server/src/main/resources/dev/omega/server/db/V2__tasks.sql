CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id),
  record TEXT NOT NULL
);
CREATE INDEX jobs_of_task ON jobs (task_id);
