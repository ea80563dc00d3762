import { packageName } from "@briefkit/data";

console.log(packageName);
