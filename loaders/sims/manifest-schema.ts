/** JSON Schema of `manifest.json` (`operando-notebook/manifest@1`, docs/data-model.md), kept as data. */

const TIME = "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$";
const ID = "^[A-Za-z0-9][A-Za-z0-9_.+-]*$";
// An ion id is part of file names: no path separators or control characters.
const ION_ID = "^[^/\\\\\\u0000-\\u001f]+$";
const RELATIVE_PATH = "^(?!/)(?![A-Za-z]:)(?!.*(^|/)\\.\\.(/|$))[^\\\\\\u0000-\\u001f]+$";
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
const positivePair = {type: "array", items: {type: "number", exclusiveMinimum: 0}, minItems: 2, maxItems: 2};

export const MANIFEST_SCHEMA = {
  type: "object",
  required: ["schema", "run", "title", "synthetic", "timeZone", "regions", "ions", "frames", "images"],
  // Unknown top-level keys are allowed (room for later versions); entries below are strict.
  properties: {
    schema: {const: "operando-notebook/manifest@1"},
    run: {type: "string", pattern: "^[a-z0-9-]+$"},
    title: {type: "string", minLength: 1},
    synthetic: {type: "boolean"},
    sample: {type: "string"},
    timeZone: {type: "string", minLength: 1},
    potentiostat: {
      type: "object",
      required: ["file"],
      properties: {file: {type: "string", pattern: RELATIVE_PATH}, timeZone: {type: "string", minLength: 1}}
    },
    rois: {type: "string", pattern: RELATIVE_PATH},
    figures: FIGURES,
    // The run's mass spectrum (Figure S2): a SurfaceLab spectrum text export or an .imzML beside its .ibd.
    spectrum: {type: "string", pattern: RELATIVE_PATH},
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
            file: {type: "string", pattern: RELATIVE_PATH}
          }
        }
      },
      else: {
        type: "object",
        required: ["pattern"],
        additionalProperties: false,
        properties: {pattern: {type: "string", pattern: RELATIVE_PATH}}
      }
    }
  }
} as const;
