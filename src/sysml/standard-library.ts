/**
 * Names from the SysML standard library. The library is not part of our corpus, so references into
 * it resolve to "external" instead of producing `unresolved-name` diagnostics.
 */
const standardLibraryPackages: ReadonlySet<string> = new Set([
  // Kernel and systems libraries
  'Base',
  'Links',
  'Occurrences',
  'Objects',
  'Items',
  'Parts',
  'Ports',
  'Connections',
  'Interfaces',
  'Allocations',
  'Actions',
  'Calculations',
  'Constraints',
  'Requirements',
  'Cases',
  'AnalysisCases',
  'VerificationCases',
  'UseCases',
  'Views',
  'Metadata',
  'States',
  'Transitions',
  'Flows',
  'FlowConnections',
  'Performances',
  'Transfers',
  'Clocks',
  'Triggers',
  'Observation',
  'SpatialFrames',
  'KerML',
  'SysML',
  'StatePerformances',
  'TransitionPerformances',
  'FeatureReferencingPerformances',
  'ControlPerformances',
  'Collections',
  'ScalarValues',
  'VectorValues',
  'TensorValues',
  'Metaobjects',
  'Enumerations',
  // Function libraries
  'BaseFunctions',
  'DataFunctions',
  'ControlFunctions',
  'ScalarFunctions',
  'RealFunctions',
  'IntegerFunctions',
  'NaturalFunctions',
  'BooleanFunctions',
  'StringFunctions',
  'TrigFunctions',
  'ComplexFunctions',
  'RationalFunctions',
  'NumericalFunctions',
  'SequenceFunctions',
  'CollectionFunctions',
  'VectorFunctions',
  'OccurrenceFunctions',
  'SampledFunctions',
  'VectorCalculations',
  'TensorCalculations',
  // Quantities and units
  'Quantities',
  'MeasurementReferences',
  'MeasurementRefCalculations',
  'QuantityCalculations',
  'ISQ',
  'SI',
  'SIPrefixes',
  'USCustomaryUnits',
  'UnitsAndScales',
  'Time',
  'SpatialItems',
  'ShapeItems',
  // Domain and metadata libraries
  'ModelingMetadata',
  'RiskMetadata',
  'ParametersOfInterestMetadata',
  'ImageMetadata',
  'CauseAndEffect',
  'RequirementDerivation',
  'DerivationConnections',
  'AnalysisTooling',
  'SampledFunctions',
  'TradeStudies',
  'StateSpaceRepresentation',
]);

/** Names usable without qualification in most generated models. */
const builtInTypes: ReadonlySet<string> = new Set([
  'String',
  'Real',
  'Integer',
  'Boolean',
  'Natural',
  'Positive',
  'Rational',
  'Complex',
  'Number',
  'NumericalValue',
  'ScalarValue',
  'Anything',
  'DataValue',
]);

/** True for a standard-library package name (`ISQ`, `ISQSpaceTime`, `ScalarValues`, …). */
export function isStandardLibraryPackage(name: string): boolean {
  return standardLibraryPackages.has(name) || /^ISQ[A-Z]/.test(name);
}

/** True when a reference written as `segments` points into the standard library. */
export function isStandardLibraryReference(segments: readonly string[]): boolean {
  const [first] = segments;
  if (first === undefined) return false;
  if (segments.length === 1 && builtInTypes.has(first)) return true;
  return isStandardLibraryPackage(first);
}
