// Pulumi's AWSGuard as its README configures it, every policy on: the baseline `npm run bench`
// compares faultguard-aws with. Plain JS, as the package ships.
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "mandatory" });
