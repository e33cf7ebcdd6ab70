-- Virtual keys are stored as SHA-256 hashes only; money in exact decimal USD.
CREATE TABLE llmux_team (
    team_id               VARCHAR(128)   NOT NULL PRIMARY KEY,
    team_alias            VARCHAR(255),
    models                TEXT           NOT NULL,
    max_budget            DECIMAL(24, 12),
    budget_duration       VARCHAR(16),
    budget_reset_at       TIMESTAMP WITH TIME ZONE,
    spend                 DECIMAL(24, 12) NOT NULL DEFAULT 0,
    rpm_limit             BIGINT,
    tpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    metadata              TEXT           NOT NULL,
    blocked               BOOLEAN        NOT NULL DEFAULT FALSE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE llmux_key (
    token_hash            CHAR(64)       NOT NULL PRIMARY KEY,
    key_name              VARCHAR(32)    NOT NULL,
    key_alias             VARCHAR(255),
    models                TEXT           NOT NULL,
    aliases               TEXT           NOT NULL,
    max_budget            DECIMAL(24, 12),
    budget_duration       VARCHAR(16),
    budget_reset_at       TIMESTAMP WITH TIME ZONE,
    spend                 DECIMAL(24, 12) NOT NULL DEFAULT 0,
    rpm_limit             BIGINT,
    tpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    expires               TIMESTAMP WITH TIME ZONE,
    team_id               VARCHAR(128) REFERENCES llmux_team (team_id),
    user_id               VARCHAR(255),
    metadata              TEXT           NOT NULL,
    blocked               BOOLEAN        NOT NULL DEFAULT FALSE,
    is_admin              BOOLEAN        NOT NULL DEFAULT FALSE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX llmux_key_alias_idx ON llmux_key (key_alias);
CREATE INDEX llmux_key_team_idx ON llmux_key (team_id);

CREATE TABLE llmux_spend_log (
    request_id         VARCHAR(64)    NOT NULL PRIMARY KEY,
    call_type          VARCHAR(32)    NOT NULL,
    key_hash           CHAR(64),
    team_id            VARCHAR(128),
    user_id            VARCHAR(255),
    model_group        VARCHAR(255),
    deployment         VARCHAR(255),
    provider           VARCHAR(64),
    model              VARCHAR(255),
    prompt_tokens      INTEGER        NOT NULL,
    completion_tokens  INTEGER        NOT NULL,
    cached_tokens      INTEGER        NOT NULL,
    cache_write_tokens INTEGER        NOT NULL,
    total_tokens       INTEGER        NOT NULL,
    spend              DECIMAL(24, 12) NOT NULL,
    start_time         TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time           TIMESTAMP WITH TIME ZONE NOT NULL,
    latency_ms         BIGINT         NOT NULL,
    status             INTEGER        NOT NULL,
    error_type         VARCHAR(64),
    stream             BOOLEAN        NOT NULL
);
CREATE INDEX llmux_spend_log_start_idx ON llmux_spend_log (start_time);
CREATE INDEX llmux_spend_log_key_idx ON llmux_spend_log (key_hash);
CREATE INDEX llmux_spend_log_team_idx ON llmux_spend_log (team_id);
