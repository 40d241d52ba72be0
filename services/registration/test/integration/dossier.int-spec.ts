import { describeDossierSuite } from './dossier.suite';

jest.setTimeout(60_000);

describeDossierSuite('local');
