// The redundancy rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { asgInstanceDiversity } from "./asg-instance-diversity";
import { asgMultiAz } from "./asg-multi-az";
import { awsxVpcNatStrategy } from "./awsx-vpc-nat-strategy";
import { clbMultiAzCrossZone } from "./clb-multi-az-cross-zone";
import { ecsServiceRedundancy } from "./ecs-service-redundancy";
import { efsMultiAz } from "./efs-multi-az";
import { eksNodeRedundancy } from "./eks-node-redundancy";
import { elasticacheFailover } from "./elasticache-failover";
import { fsxMultiAz } from "./fsx-multi-az";
import { lambdaVpcMultiAz } from "./lambda-vpc-multi-az";
import { lbCrossZone } from "./lb-cross-zone";
import { lbMultiAz } from "./lb-multi-az";
import { mqMultiAz } from "./mq-multi-az";
import { natPerAz } from "./nat-per-az";
import { neptuneMultiAz } from "./neptune-multi-az";
import { opensearchDedicatedMasters } from "./opensearch-dedicated-masters";
import { opensearchZoneAwareness } from "./opensearch-zone-awareness";
import { rdsClusterMultiAz } from "./rds-cluster-multi-az";
import { rdsMultiAz } from "./rds-multi-az";
import { ec2StandaloneInstance } from "./ec2-standalone-instance";
import { elasticacheClusterRedundancy } from "./elasticache-cluster-redundancy";
import { resiliencyPolicy } from "./resiliency-policy";

export const redundancyRules: Rule[] = [
    asgMultiAz,
    asgInstanceDiversity,
    lbMultiAz,
    lbCrossZone,
    clbMultiAzCrossZone,
    rdsMultiAz,
    rdsClusterMultiAz,
    neptuneMultiAz,
    elasticacheFailover,
    opensearchZoneAwareness,
    opensearchDedicatedMasters,
    ecsServiceRedundancy,
    eksNodeRedundancy,
    lambdaVpcMultiAz,
    natPerAz,
    awsxVpcNatStrategy,
    efsMultiAz,
    fsxMultiAz,
    mqMultiAz,
    ec2StandaloneInstance,
    elasticacheClusterRedundancy,
    resiliencyPolicy,
];
