/**
 * Addresses, postcodes and phone numbers that look real but reach nobody.
 *
 * Postcodes use real outward codes for each region with a made-up inward code
 * (so they validate and group by area like real ones). Every phone number is
 * from Ofcom's ranges reserved for TV and radio drama, which are never given
 * to anyone: mobiles 07700 900000-900999, and each city's 1,000-number block
 * (020 7946 0xxx, 0117 496 0xxx...). Test data must never ring a real phone.
 */
import type { Rng } from './random';

interface Region {
  town: string;
  outward: readonly string[];
  areas: readonly string[];
  streets: readonly string[];
  /** The drama block's prefix, written the usual way; four digits follow (the last three random). */
  landline: string;
}

const COMMON_STREETS = ['High Street', 'Church Lane', 'Station Road', 'Victoria Road', 'Mill Lane', 'Park Avenue', 'The Crescent', 'Queen’s Road', 'Manor Way', 'Orchard Close', 'St John’s Terrace', 'Meadow View'];

const REGIONS: readonly (readonly [Region, number])[] = [
  [{ town: 'London', outward: ['SW4', 'SW11', 'SE1', 'SE15', 'N1', 'N16', 'NW3', 'E8', 'E14', 'W2', 'W11', 'WC1N', 'EC1V'], areas: ['Clapham', 'Battersea', 'Peckham', 'Islington', 'Stoke Newington', 'Hampstead', 'Hackney', 'Notting Hill'], streets: ['Lavender Hill', 'Northcote Road', 'Upper Street', 'Rye Lane', 'Portobello Road', 'Mare Street', 'Bermondsey Street'], landline: '020 7946 0' }, 30],
  [{ town: 'Bristol', outward: ['BS1', 'BS3', 'BS6', 'BS7', 'BS8', 'BS16'], areas: ['Clifton', 'Redland', 'Bedminster', 'Bishopston', 'Fishponds'], streets: ['Whiteladies Road', 'Gloucester Road', 'North Street', 'Cotham Hill', 'Princess Victoria Street'], landline: '0117 496 0' }, 8],
  [{ town: 'Manchester', outward: ['M1', 'M4', 'M14', 'M20', 'M21'], areas: ['Didsbury', 'Chorlton', 'Ancoats', 'Fallowfield', 'Withington'], streets: ['Wilmslow Road', 'Beech Road', 'Burton Road', 'Oldham Street', 'Palatine Road'], landline: '0161 496 0' }, 8],
  [{ town: 'Leeds', outward: ['LS1', 'LS6', 'LS8', 'LS17'], areas: ['Headingley', 'Roundhay', 'Chapel Allerton', 'Alwoodley'], streets: ['Otley Road', 'Street Lane', 'Harrogate Road', 'Kirkstall Lane'], landline: '0113 496 0' }, 5],
  [{ town: 'Sheffield', outward: ['S1', 'S7', 'S10', 'S11'], areas: ['Ecclesall', 'Nether Edge', 'Crookes', 'Broomhill'], streets: ['Ecclesall Road', 'Abbeydale Road', 'Sharrow Vale Road', 'Fulwood Road'], landline: '0114 496 0' }, 4],
  [{ town: 'Nottingham', outward: ['NG1', 'NG5', 'NG7'], areas: ['The Park', 'Sherwood', 'Lenton'], streets: ['Mansfield Road', 'Derby Road', 'Hucknall Road'], landline: '0115 496 0' }, 3],
  [{ town: 'Leicester', outward: ['LE1', 'LE2', 'LE3'], areas: ['Clarendon Park', 'Stoneygate', 'Belgrave'], streets: ['Queens Road', 'London Road', 'Belgrave Road'], landline: '0116 496 0' }, 3],
  [{ town: 'Reading', outward: ['RG1', 'RG4', 'RG30'], areas: ['Caversham', 'Tilehurst', 'Earley'], streets: ['Prospect Street', 'Oxford Road', 'Bath Road'], landline: '0118 496 0' }, 3],
  [{ town: 'Birmingham', outward: ['B1', 'B13', 'B15', 'B17', 'B30'], areas: ['Moseley', 'Edgbaston', 'Harborne', 'Kings Heath', 'Bournville'], streets: ['Alcester Road', 'Harborne Road', 'Hagley Road', 'Bristol Road', 'Soho Road'], landline: '0121 496 0' }, 8],
  [{ town: 'Edinburgh', outward: ['EH1', 'EH3', 'EH10', 'EH12'], areas: ['Morningside', 'Stockbridge', 'Bruntsfield', 'Corstorphine'], streets: ['Morningside Road', 'Raeburn Place', 'Bruntsfield Place', 'St John’s Road', 'Leith Walk'], landline: '0131 496 0' }, 5],
  [{ town: 'Glasgow', outward: ['G1', 'G3', 'G12', 'G41'], areas: ['West End', 'Hyndland', 'Shawlands', 'Finnieston'], streets: ['Byres Road', 'Great Western Road', 'Pollokshaws Road', 'Argyle Street', 'Dumbarton Road'], landline: '0141 496 0' }, 5],
  [{ town: 'Liverpool', outward: ['L1', 'L8', 'L17', 'L18'], areas: ['Aigburth', 'Allerton', 'Toxteth', 'Woolton'], streets: ['Lark Lane', 'Allerton Road', 'Aigburth Road', 'Bold Street'], landline: '0151 496 0' }, 4],
  [{ town: 'Newcastle upon Tyne', outward: ['NE1', 'NE2', 'NE3'], areas: ['Jesmond', 'Gosforth', 'Heaton'], streets: ['Osborne Road', 'Gosforth High Street', 'Chillingham Road'], landline: '0191 498 0' }, 4],
  [{ town: 'Cardiff', outward: ['CF10', 'CF11', 'CF14', 'CF24'], areas: ['Pontcanna', 'Canton', 'Roath', 'Whitchurch', 'Llandaf'], streets: ['Heol y Felin', 'Ffordd yr Eglwys', 'Cowbridge Road East', 'Albany Road', 'Heol Llanisien', 'Stryd y Castell'], landline: '029 2018 0' }, 5],
  [{ town: 'Belfast', outward: ['BT1', 'BT7', 'BT9'], areas: ['Malone', 'Ormeau', 'Stranmillis'], streets: ['Lisburn Road', 'Ormeau Road', 'Malone Road', 'Botanic Avenue'], landline: '028 9649 6' }, 3],
  // Towns outside the cities use the drama block that belongs to no area.
  [{ town: 'Bath', outward: ['BA1', 'BA2'], areas: ['Larkhall', 'Widcombe', 'Combe Down'], streets: ['Milsom Street', 'Walcot Street', 'Widcombe Parade'], landline: '01632 960' }, 2],
  [{ town: 'Cheltenham', outward: ['GL50', 'GL52', 'GL53'], areas: ['Montpellier', 'Charlton Kings', 'Leckhampton'], streets: ['The Promenade', 'Bath Road', 'Suffolk Road'], landline: '01632 960' }, 2],
  [{ town: 'Swansea', outward: ['SA1', 'SA2', 'SA3'], areas: ['Sketty', 'Mumbles', 'Uplands'], streets: ['Heol Las', 'Walter Road', 'Newton Road'], landline: '01632 960' }, 2],
  [{ town: 'Guildford', outward: ['GU1', 'GU2', 'GU4'], areas: ['Merrow', 'Burpham', 'Onslow Village'], streets: ['Epsom Road', 'London Road', 'Portsmouth Road'], landline: '01632 960' }, 2],
];

/** Inward codes never use C, I, K, M, O or V (Royal Mail's rule), so neither do we. */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface Address {
  addressLines: string[];
  postcode: string;
  town: string;
  region: Region;
}

export function makeAddress(rng: Rng): Address {
  const region = rng.weighted(REGIONS);
  const street = rng.chance(0.6) ? rng.pick(region.streets) : rng.pick(COMMON_STREETS);
  const house = rng.chance(0.2) ? `Flat ${rng.int(1, 24)}, ${rng.int(1, 180)} ${street}` : `${rng.int(1, 240)} ${street}`;
  const lines = rng.chance(0.7) ? [house, rng.pick(region.areas), region.town] : [house, region.town];
  const postcode = `${rng.pick(region.outward)} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
  return { addressLines: lines, postcode, town: region.town, region };
}

/** 07700 900000-900999, in the ways people write it (the search must match them all). */
export function makeMobile(rng: Rng): string {
  const last = String(rng.int(0, 999)).padStart(3, '0');
  return rng.weighted([
    [`07700 900${last}`, 80],
    [`07700900${last}`, 10],
    [`+44 7700 900${last}`, 6],
    [`07700 900 ${last}`, 4],
  ] as const);
}

export function makeLandline(rng: Rng, region: Region): string {
  return `${region.landline}${String(rng.int(0, 999)).padStart(3, '0')}`;
}

const GP_SURNAMES = ['Patel', 'Okafor', 'Jones', 'Campbell', 'Chen', 'Murphy', 'Khan', 'Evans', 'Nowak', 'Ahmed', 'Hughes', 'Fraser'];

export function makeGp(rng: Rng, address: Address): { name: string; practice: string; address: string; phone: string } {
  const street = rng.pick(address.region.streets);
  const practice = rng.pick([`${rng.pick(address.region.areas)} Medical Centre`, `${street} Surgery`, `The ${rng.pick(address.region.areas)} Practice`, `${address.town} Family Practice`]);
  return {
    name: `Dr ${rng.pick([...'ABCDEFGHJKLMNPRS'])}. ${rng.pick(GP_SURNAMES)}`,
    practice,
    address: `${rng.int(1, 120)} ${street}, ${address.town}`,
    phone: makeLandline(rng, address.region),
  };
}
