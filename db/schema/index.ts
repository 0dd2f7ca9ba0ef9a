export * from "./market";
export * from "./jobs";
export * from "./research";
export * from "./paper";
export * from "./tasks";
export * from "./access";
export * from "./live";
export * from "./learning";
