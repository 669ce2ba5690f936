/**
 * The CRM loop: customer export → personal links and control group → orders → report.
 * The dashboard and the order endpoint build on these functions; the CLI commands `links` and
 * `orders` are thin shells around them.
 */
export { importCustomerLinks, personalUrl, ImportedLinks } from './link-import.ts';
export type { ImportedCustomer, LinkImportProject, LinkImportResult, LinkImportSummary, SegmentSplit } from './link-import.ts';
export { writeMailMerge, controlFileFor, type MailMergeFiles } from './mail-merge.ts';
export { assignGroups, controlDraw, controlTarget } from './control.ts';
export { assignArms, armDraw } from './arms.ts';
export { parseOrdersBatch, addOrders, importOrdersCsv, ordersBatchSchema, MAX_ORDERS_PER_REQUEST } from './orders.ts';
export type { OrderInput, OrdersAdded, OrdersBatchResult, OrdersImportResult, FieldProblem } from './orders.ts';
export { buildReport } from './report.ts';
export type { ProjectReport, ReportProject, GroupStats, FunnelStepReport, DailyPoint, BreakdownRow, PromoPoolReport } from './report.ts';
export { exportCustomerStatus, CUSTOMER_STATUS_HEADER } from './customer-status.ts';
export { liftOf, wilsonInterval, deltaShare, formatDeltaPercent, type Lift, type Interval } from './stats.ts';
export { estimateLift, MIN_REACTIVATED_PER_GROUP, type LiftEstimate, type LiftVerdict } from './lift.ts';
export { detectionPlan, minimumDetectableDifference, type DetectionPlan } from './plan.ts';
export type { ArmsReport, ArmReport, ArmComparison } from './arm-report.ts';
export { CsvFileError, type CsvSource } from './csv-input.ts';
export { ProblemList, type RowProblem } from './problems.ts';
