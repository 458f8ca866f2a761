"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CATEGORY_OF = void 0;
exports.CATEGORY_OF = {
    az: "az",
    instance: "infrastructure",
    primary: "infrastructure",
    nat: "infrastructure",
    dependency: "application",
    poison: "application",
    region: "region",
};
//# sourceMappingURL=model.js.map