/**
 * SysML v2 textual notation (first subset): parser, diagnostics and resolved model queries.
 */
export type {
  AliasNode,
  AnnotationNode,
  Argument,
  BinaryExpression,
  BodyExpression,
  CollectExpression,
  CommentNode,
  ConditionalExpression,
  ConnectorEndNode,
  ConnectorNode,
  DefinitionNode,
  DocNode,
  EndFeatureNode,
  Expression,
  FeatureChain,
  FeatureSpecification,
  Identification,
  ImportNode,
  IndexExpression,
  InstantiationExpression,
  InvocationExpression,
  LiteralExpression,
  Member,
  MemberAccessExpression,
  MultiplicityBound,
  MultiplicityNode,
  NameExpression,
  PackageNode,
  QualifiedName,
  QuantityExpression,
  RequirementConstraintNode,
  RequirementReferenceNode,
  ResultExpressionNode,
  SelectExpression,
  SequenceExpression,
  SysmlDocument,
  SysmlNode,
  TypeTestExpression,
  TypingNode,
  UnaryExpression,
  UsageNode,
  ValueNode,
  Visibility,
} from './ast.js';
export { buildSysmlModel } from './build-sysml-model.js';
export { commentText } from './comment-text.js';
export { formatDiagnostic, type SysmlDiagnosticCode } from './diagnostic.js';
export { type TokenizeResult, tokenize } from './lexer.js';
export type {
  AgentInfo,
  AgentPortInfo,
  DefinitionInfo,
  DefinitionKind,
  FeatureInfo,
  RequirementInfo,
  SourceLocation,
  SysmlDiagnostic,
  SysmlModel,
} from './model-types.js';
export { type ParseSysmlOptions, type ParseSysmlResult, parseSysml } from './parse-sysml.js';
export type { Token, TokenKind } from './token.js';
