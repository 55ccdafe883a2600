import type { DemoPlacesFile } from "../../../server/demoWeb/demoSites";

/**
 * A small demo Places file in the shape of data/demo-places.json: the website forms
 * Places really returns (www and bare hosts, /home, /index.html, utm tags, branch
 * paths, http and https, social links, none, a duplicate listing).
 */
export const FIXTURE_PLACES: DemoPlacesFile = {
  verticals: [
    { key: "dentists", label: "Dentists", aliases: ["dentist"] },
    { key: "plumbers", label: "Plumbers", aliases: ["plumber"] },
    { key: "restaurants", label: "Restaurants", aliases: ["restaurant"] },
  ],
  geographies: [
    { key: "seattle-wa", label: "Seattle, WA", aliases: ["seattle"], country: "US" },
    { key: "london-uk", label: "London, UK", aliases: ["london"], country: "GB" },
  ],
  places: [
    { placeId: "p-harbor", name: "Harborview Dental", address: "6115 NW Market St, Seattle, WA 98107, USA", city: "Seattle", phone: "+1 206-739-7538", website: "https://www.harborviewdental.example/", rating: 4.5, reviewsCount: 104, vertical: "dentists", geography: "seattle-wa" },
    { placeId: "p-joes", name: "Joe's Plumbing", address: "812 Rainier Ave S, Seattle, WA 98144, USA", city: "Seattle", phone: "+12065550142", website: "http://joesplumbing.example/home", rating: 3.6, reviewsCount: 41, vertical: "plumbers", geography: "seattle-wa" },
    { placeId: "p-joes", name: "Joe's Plumbing", address: "812 Rainier Ave S, Seattle, WA 98144, USA", city: "Seattle", phone: "+12065550142", website: "http://joesplumbing.example/home", rating: 3.6, reviewsCount: 41, vertical: "plumbers", geography: "seattle-wa" },
    { placeId: "p-ever-qa", name: "Evergreen Dental Group – Queen Anne", address: "1 Queen Anne Ave N, Seattle, WA 98109, USA", city: "Seattle", phone: "+1 (206) 555-0199", website: "https://www.evergreendentalgroup.example/locations/queen-anne", vertical: "dentists", geography: "seattle-wa" },
    { placeId: "p-ever-bal", name: "Evergreen Dental Group Ballard", address: "2200 NW Market St, Seattle, WA 98107, USA", city: "Seattle", phone: "n/a", website: "http://evergreendentalgroup.example/ballard", vertical: "dentists", geography: "seattle-wa" },
    { placeId: "p-lotus", name: "Golden Lotus Kitchen", address: "44 Camden High St, London NW1 0LT, UK", city: "London", phone: "+44 20 7946 0321", website: "https://www.goldenlotuskitchen.example/?utm_source=google&utm_medium=organic", vertical: "restaurants", geography: "london-uk" },
    { placeId: "p-camden", name: "Camden Plumbing Services", address: "9 Pratt St, London NW1 0AE, UK", city: "London", phone: "+44 20 7946 0877", website: "https://camdenplumbingservices.example/index.html", vertical: "plumbers", geography: "london-uk" },
    { placeId: "p-fb", name: "Dr. Patel Dentistry", city: "Seattle", phone: "+1 206-615-8935", website: "https://www.facebook.com/drpateldentistryseattle/", vertical: "dentists", geography: "seattle-wa" },
    { placeId: "p-yelp", name: "South Congress Dental", city: "Seattle", website: "https://www.yelp.com/biz/south-congress-dental", vertical: "dentists", geography: "seattle-wa" },
    { placeId: "p-none", name: "Ballard Noodle House", city: "Seattle", phone: "+1 206-555-0101", vertical: "restaurants", geography: "seattle-wa" },
    { placeId: "p-other-tld", name: "Real Domain Dental", city: "Seattle", website: "https://realdomaindental.com/", vertical: "dentists", geography: "seattle-wa" },
  ],
};
