import { RegistrationInit1795380664132 } from './1795380664132-RegistrationInit';
import { LoadAdminUnits1795380700000 } from './1795380700000-LoadAdminUnits';
import { ProducerDetailsAndProductGroups1795384198077 } from './1795384198077-ProducerDetailsAndProductGroups';
import { LoadProductGroups1795384200000 } from './1795384200000-LoadProductGroups';
import { ProductCycleActions1795384525003 } from './1795384525003-ProductCycleActions';
import { DossiersAndPreAssessments1795384759876 } from './1795384759876-DossiersAndPreAssessments';
import { ListIndexes1795387025521 } from './1795387025521-ListIndexes';
import { CycleCalendars1795391492225 } from './1795391492225-CycleCalendars';
import { PhotosCertificatesApplications1795392827074 } from './1795392827074-PhotosCertificatesApplications';
import { ChangeRecords1795399900000 } from './1795399900000-ChangeRecords';
import { ProductLegalFormAndProvinceIndexes1795400100000 } from './1795400100000-ProductLegalFormAndProvinceIndexes';
import { ProductTally1795400300000 } from './1795400300000-ProductTally';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const REGISTRATION_MIGRATIONS = [
  RegistrationInit1795380664132,
  LoadAdminUnits1795380700000,
  ProducerDetailsAndProductGroups1795384198077,
  LoadProductGroups1795384200000,
  ProductCycleActions1795384525003,
  DossiersAndPreAssessments1795384759876,
  ListIndexes1795387025521,
  CycleCalendars1795391492225,
  PhotosCertificatesApplications1795392827074,
  ChangeRecords1795399900000,
  ProductLegalFormAndProvinceIndexes1795400100000,
  ProductTally1795400300000,
];
