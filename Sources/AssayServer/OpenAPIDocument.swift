/// The OpenAPI 3.1 description of the service, served as `GET /openapi.json`. Written by hand; a
/// test validates it (Python's `openapi-spec-validator`) and checks that it lists exactly
/// ``AssayServer/routes``.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Assay",
            "version": "0.1.0",
            "description": "Turns news articles in Hindi, Vietnamese and English into assay.record.v1 JSON records (the record's JSON Schema ships as schema/record.v1.json). Every error is a JSON body {\"error\": {\"code\": ..., \"message\": ...}}; services match on code, never on the message."
          },
          "servers": [{"url": "http://127.0.0.1:8080"}],
          "paths": {
            "/v1/extract": {
              "post": {
                "operationId": "extract",
                "summary": "One document in, its record out.",
                "description": "A text/plain (or application/octet-stream) body is the document's bytes, decoded like a file: the record is byte for byte what `assay extract --compact FILE` prints for the same bytes, with `source` set by ?source= (default `http`). An application/json body is one `run --stdin-jsonl` line read as line 1: {\"id\": ..., \"text\": ..., ...}; a malformed one gets its E303 record with status 400.",
                "parameters": [
                  {"name": "encoding", "in": "query", "required": false, "description": "Decode with this encoding (skips detection), as --encoding. A text/plain charset parameter means the same.", "schema": {"type": "string", "examples": ["windows-1258"]}},
                  {"name": "lang", "in": "query", "required": false, "description": "Force the language, as --lang (text bodies only).", "schema": {"type": "string", "enum": ["hi", "vi", "en"]}},
                  {"name": "source", "in": "query", "required": false, "description": "The record's source (text bodies only); default http.", "schema": {"type": "string", "minLength": 1}}
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}},
                    "application/json": {"schema": {"$ref": "#/components/schemas/StreamLine"}}
                  }
                },
                "responses": {
                  "200": {"description": "The record.", "headers": {"Assay-Rules-Version": {"$ref": "#/components/headers/RulesVersion"}, "X-Request-Id": {"$ref": "#/components/headers/RequestId"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Record"}}}},
                  "400": {"description": "A bad query or Content-Type parameter (an Error), or a JSON body that is not a usable line (its E303 record).", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Error"}, {"$ref": "#/components/schemas/Record"}]}}}},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
                  "503": {"$ref": "#/components/responses/Overloaded"},
                  "504": {"description": "The document was not processed within the request timeout (code timeout); its processing stops there and frees its worker.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
              }
            },
            "/v1/batch": {
              "post": {
                "operationId": "batch",
                "summary": "JSON Lines in, one record per line out, streamed in input order.",
                "description": "Each line is a `run --stdin-jsonl` line and its record is the line that command writes: source is the line's string id, else stdin:LINE; a malformed line gets an E303 record; empty lines are skipped. A line longer than the maximum body size gets an E303 record. A line still being processed when the line timeout (--line-timeout, counted from when a worker takes it) runs out is stopped and gets an E301 record in its place (source and meta as for its record, error message 'line N: not processed within the line timeout of S s (--line-timeout)'); the stream goes on in order. The whole body is not limited: it is streamed.",
                "parameters": [
                  {"name": "encoding", "in": "query", "required": false, "description": "As `run --stdin-jsonl --encoding`.", "schema": {"type": "string"}}
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "application/jsonl": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "string"}}
                  }
                },
                "responses": {
                  "200": {"description": "One record per line (application/x-ndjson), flushed as each is ready.", "headers": {"Assay-Rules-Version": {"$ref": "#/components/headers/RulesVersion"}}, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
                  "503": {"$ref": "#/components/responses/Overloaded"}
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "health",
                "summary": "Liveness, the rules in force and how busy the workers are.",
                "responses": {
                  "200": {"description": "Up.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}
                }
              }
            },
            "/v1/rules": {
              "get": {
                "operationId": "rules",
                "summary": "The rule set in force: version (a hash of the rule files) and counts.",
                "responses": {
                  "200": {"description": "The rule set.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RuleSet"}}}}
                }
              }
            },
            "/v1/rules/reload": {
              "post": {
                "operationId": "reloadRules",
                "summary": "Load and check the rule directory again (as SIGHUP does).",
                "description": "The files are loaded and every rule example is run. On any E1xx problem the rules in force stay, and the reply lists every problem. Requests that started earlier finish on the rules they started with.",
                "responses": {
                  "200": {"description": "The new rules are in force.", "content": {"application/json": {"schema": {"type": "object", "required": ["reloaded", "rules"], "properties": {"reloaded": {"const": true}, "rules": {"$ref": "#/components/schemas/RuleSet"}}}}}},
                  "422": {"description": "The rule files have errors; the previous rules stay in force (code rules_invalid, details.errors lists them, details.rules is the set still in force).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Prometheus text: requests, latency histogram, in-flight requests, documents, bytes, entities by type, reloads.",
                "responses": {
                  "200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {
                  "200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}
                }
              }
            }
          },
          "components": {
            "headers": {
              "RulesVersion": {"description": "The version (sha256 of the rule files) of the rules the record was made with.", "schema": {"type": "string"}},
              "RequestId": {"description": "The request's id, as in the service's log lines.", "schema": {"type": "string"}}
            },
            "responses": {
              "BadRequest": {"description": "A bad query or Content-Type parameter.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "RequestTimeout": {"description": "The body did not arrive within the request timeout.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "TooLarge": {"description": "The body is larger than the maximum body size (16 MiB unless --max-body-size).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "UnsupportedMediaType": {"description": "A Content-Type the endpoint does not read.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Overloaded": {"description": "Every worker stayed busy for the queue timeout, or the queue is full (code overloaded); or the server is shutting down (code shutting_down).", "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                  "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                      "code": {"type": "string", "examples": ["bad_request", "unsupported_media_type", "payload_too_large", "overloaded", "shutting_down", "request_timeout", "timeout", "not_found", "method_not_allowed", "rules_invalid", "internal"]},
                      "message": {"type": "string"},
                      "details": {}
                    }
                  }
                }
              },
              "StreamLine": {
                "type": "object",
                "description": "A --stdin-jsonl line: text is the document; a string id is the source; other keys go to the record's meta.",
                "required": ["text"],
                "properties": {"id": {}, "text": {"type": "string"}},
                "additionalProperties": true
              },
              "Record": {
                "type": "object",
                "description": "assay.record.v1; the full JSON Schema is schema/record.v1.json in the repository.",
                "required": ["schema", "id", "source", "encoding", "language", "segments", "entities", "facts", "diagnostics", "meta", "error"],
                "properties": {
                  "schema": {"const": "assay.record.v1"},
                  "id": {"type": ["string", "null"]},
                  "source": {"type": "string"},
                  "encoding": {"type": ["string", "null"]},
                  "language": {"type": "string", "enum": ["hi", "vi", "en", "und"]},
                  "segments": {"type": "array"},
                  "entities": {"type": "array"},
                  "facts": {"type": "array"},
                  "diagnostics": {"type": "array"},
                  "meta": {},
                  "error": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}]}
                }
              },
              "RuleSet": {
                "type": "object",
                "required": ["version", "directory", "files", "rules", "examples_checked", "generation", "loaded_at"],
                "properties": {
                  "version": {"type": "string", "description": "sha256: over every rule file's relative path and bytes, in load order."},
                  "directory": {"type": "string"},
                  "files": {"type": "integer"},
                  "rules": {"type": "integer"},
                  "examples_checked": {"type": "integer"},
                  "generation": {"type": "integer", "description": "1 at start, one more per successful reload."},
                  "loaded_at": {"type": "string", "format": "date-time"}
                }
              },
              "Health": {
                "type": "object",
                "required": ["status", "rules_version", "rules_generation", "workers", "busy", "waiting"],
                "properties": {
                  "status": {"const": "ok"},
                  "rules_version": {"type": "string"},
                  "rules_generation": {"type": "integer"},
                  "workers": {"type": "integer"},
                  "busy": {"type": "integer"},
                  "waiting": {"type": "integer"}
                }
              }
            }
          }
        }
        """#
}
