/** JSON Schema of `manifest.json` (`operando-notebook/manifest@1`, docs/data-model.md), kept as data. */

const TIME = "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$";
const ID = "^[A-Za-z0-9][A-Za-z0-9_.+-]*$";
// An ion id is part of file names: no path separators or control characters, and not `.` or `..`.
const ION_ID = "^(?!\\.\\.?$)[^/\\\\\\u0000-\\u001f\\u007f]+$";
// Paths are checked in manifest-checks.ts (runPathProblem), with messages a pattern cannot give.
const PATH = {type: "string", minLength: 1};
const RUN_ID = "^[a-z0-9-]+$";
/** What each pattern means, for messages (ajv would print the pattern itself). */
export const PATTERN_MEANINGS: Record<string, string> = {
  [TIME]: "must be a time like 2025-06-02 09:00:00 (optionally with Z or an offset like +09:00)",
  [ID]: "must start with a letter or digit and hold only letters, digits and _ . + -",
  [ION_ID]: "must not be . or .. nor hold /, \\ or control characters (it is part of file names)",
  [RUN_ID]: "must be lower-case letters, digits and - (it is the folder name and page path)"
};
const stringList = {type: "array", items: {type: "string", minLength: 1}, uniqueItems: true};
const regionFigure = {
  type: "object",
  required: ["region"],
  additionalProperties: false,
  properties: {region: {type: "string"}, ions: stringList, rois: stringList, electrolyteRois: stringList}
};
/** Which region, ions and ROIs play each role of each figure (lib/run/figure-roles.ts); every key optional. */
const FIGURES = {
  type: "object",
  additionalProperties: false,
  properties: {
    reproducesReferenceStudy: {type: "boolean"},
    figure2: {
      type: "object",
      required: ["rows"],
      additionalProperties: false,
      properties: {
        rows: {type: "array", items: {type: "object", required: ["region", "ion"], additionalProperties: false, properties: {region: {type: "string"}, ion: {type: "string"}}}}
      }
    },
    figure3: regionFigure,
    figure4: regionFigure,
    particles: {
      type: "array",
      items: {
        type: "object",
        required: ["region", "markerIon"],
        additionalProperties: false,
        properties: {region: {type: "string"}, markerIon: {type: "string"}, onCharge: {enum: ["rises", "falls"]}}
      }
    }
  }
} as const;
const PULSES = {type: "integer", minimum: 1};
const positivePair = {type: "array", items: {type: "number", exclusiveMinimum: 0}, minItems: 2, maxItems: 2};

export const MANIFEST_SCHEMA = {
  type: "object",
  required: ["schema", "run", "title", "synthetic", "timeZone", "regions", "ions", "frames", "images"],
  // Unknown keys are refused at every level (a misspelt key would otherwise be ignored); a new key is one
  // more line under `properties`, and "did you mean" suggestions come from these lists.
  additionalProperties: false,
  properties: {
    schema: {const: "operando-notebook/manifest@1"},
    run: {type: "string", pattern: RUN_ID},
    title: {type: "string", minLength: 1},
    synthetic: {type: "boolean"},
    sample: {type: "string"},
    timeZone: {type: "string", minLength: 1},
    potentiostat: {
      type: "object",
      required: ["file"],
      additionalProperties: false,
      properties: {
        file: PATH,
        timeZone: {type: "string", minLength: 1},
        // Potentiostat clock minus SIMS clock (lib/frames/clock-offset.ts), s, and its standard uncertainty.
        clockOffsetS: {type: "number"},
        clockOffsetUncertaintyS: {type: "number", minimum: 0}
      }
    },
    rois: PATH,
    // Primary pulses that reached each pixel in one frame (shots per pixel x scans), for the dead-time
    // correction (lib/imaging/dead-time.ts); a frame's own `pulsesPerPixel` overrides it.
    detector: {type: "object", additionalProperties: false, properties: {pulsesPerPixel: PULSES}},
    figures: FIGURES,
    // A sentence every page of the run shows (what the data are, where they come from).
    notice: {type: "string", minLength: 1},
    // Registration of the frames (lib/imaging/drift.ts): regions not registered, and drifts given by hand.
    registration: {
      type: "object",
      additionalProperties: false,
      properties: {
        off: {type: "array", items: {type: "string"}, uniqueItems: true},
        manualDriftPx: {
          type: "array",
          items: {
            type: "object",
            required: ["region", "frame", "driftPx"],
            additionalProperties: false,
            properties: {region: {type: "string"}, frame: {type: "integer", minimum: 0}, driftPx: {type: "array", items: {type: "number"}, minItems: 2, maxItems: 2}, sdPx: {type: "number", minimum: 0}}
          }
        }
      }
    },
    // The run's mass spectrum (Figure S2): a SurfaceLab spectrum text export or an .imzML beside its .ibd.
    spectrum: PATH,
    regions: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["id"],
        additionalProperties: false,
        properties: {
          id: {type: "string", pattern: ID},
          label: {type: "string"},
          fieldOfViewUm: positivePair,
          pixels: {type: "array", items: {type: "integer", minimum: 1, maximum: 65535}, minItems: 2, maxItems: 2}
        }
      }
    },
    ions: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["id", "regions"],
        additionalProperties: false,
        properties: {
          id: {type: "string", pattern: ION_ID},
          massU: {type: "number", exclusiveMinimum: 0},
          // The mass window [low, high] in u that makes the ion's image from a spectrum (imzML) and marks it in
          // Figure S2; default massU ± 0.3 u.
          windowU: positivePair,
          regions: {type: "array", minItems: 1, uniqueItems: true, items: {type: "string"}},
          label: {type: "string"}
        }
      }
    },
    frames: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["index", "region"],
        additionalProperties: false,
        properties: {
          index: {type: "integer", minimum: 0, maximum: 65535},
          region: {type: "string"},
          start: {type: "string", pattern: TIME},
          end: {type: "string", pattern: TIME},
          doseIonsPerCm2: {type: "number", minimum: 0},
          pulsesPerPixel: PULSES,
          label: {type: "string"}
        }
      }
    },
    // if/then/else rather than oneOf: a bad entry gets its own error, not one per alternative.
    images: {
      if: {type: "array"},
      then: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["region", "ion", "frame", "file"],
          additionalProperties: false,
          properties: {
            region: {type: "string"},
            ion: {type: "string"},
            frame: {type: "integer", minimum: 0},
            file: PATH
          }
        }
      },
      else: {
        type: "object",
        required: ["pattern"],
        additionalProperties: false,
        properties: {pattern: PATH}
      }
    }
  }
} as const;
